package io.haven.cluster.state;

/**
 * What a node's executor last found a resource to be: {@code STARTED}, cleanly {@code STOPPED}, or
 * {@code FAILED}: an operation failed and the resource may still be partly active there, so it
 * must be stopped before it runs anywhere else.
 */
public enum Role {
    STARTED, STOPPED, FAILED;

    /** Whether the resource may be running (so it must not start elsewhere). */
    public boolean active() {
        return this != STOPPED;
    }
}
