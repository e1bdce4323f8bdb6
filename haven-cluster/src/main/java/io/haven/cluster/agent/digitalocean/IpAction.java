package io.haven.cluster.agent.digitalocean;

import java.time.Instant;

/**
 * A floating IP action as the API reports it: {@code status} is {@code in-progress},
 * {@code completed} or {@code errored}; {@code type} {@code assign_ip} or {@code unassign_ip};
 * {@code completedAt} is null while in progress (or when the API leaves it out).
 */
record IpAction(long id, String status, String type, Instant completedAt) {

    boolean completed() {
        return "completed".equals(status);
    }

    boolean errored() {
        return "errored".equals(status);
    }

    /** An assign: the only kind of action that claims the IP for a droplet. */
    boolean assigns() {
        return "assign_ip".equals(type);
    }
}
