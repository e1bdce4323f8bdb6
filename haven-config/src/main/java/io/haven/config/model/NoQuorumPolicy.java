package io.haven.config.model;

/**
 * What a node does with its resources when it loses quorum, as Pacemaker's {@code no-quorum-policy}:
 * {@code stop} them (the default), {@code freeze} (keep what runs, start nothing), or {@code ignore}
 * (carry on as if quorate).
 */
public enum NoQuorumPolicy {
    STOP, FREEZE, IGNORE
}
