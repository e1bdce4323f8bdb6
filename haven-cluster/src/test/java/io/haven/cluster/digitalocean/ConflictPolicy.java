package io.haven.cluster.digitalocean;

/**
 * What an action on an IP that is locked by a pending action does. DigitalOcean documents that
 * {@code locked} "prevents new ones from being submitted" but not the status code; 422 is our
 * assumption (see reference/digitalocean-floating-ip-api.md, section 3).
 */
public enum ConflictPolicy {
    /** 422 {@code unprocessable_entity} (the default). */
    REJECT,
    /** Accepted and run after the pending actions, each taking the action delay: the last one wins. */
    QUEUE
}
