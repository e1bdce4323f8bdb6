package io.haven.cluster.digitalocean;

/** How the emulator ends the actions submitted from now on. */
public enum ActionOutcome {
    /** After the action delay the action is {@code completed} and the assignment changes (the default). */
    COMPLETE,
    /** After the action delay the action is {@code errored} and the assignment stays as it was. */
    ERRORED,
    /** The action stays {@code in-progress} and the IP locked, until {@link DigitalOceanEmulator#close()}. */
    NEVER
}
