package io.haven.cluster.state;

/**
 * What a node's executor last found a resource to be: {@code STARTED}, cleanly {@code STOPPED}, or
 * {@code FAILED}: an operation failed and the resource may still be partly active there, so it
 * must be stopped before it runs anywhere else. {@code STARTING}: not reported by the node itself
 * but by the node that stopped the resource and handed it over ({@link ClusterCommand.HandOver});
 * the taker's start is on its way, so the resource counts as active there and nowhere else may
 * start it.
 */
public enum Role {
    STARTED, STOPPED, FAILED, STARTING;

    /** Whether the resource may be running (so it must not start elsewhere). */
    public boolean active() {
        return this != STOPPED;
    }
}
