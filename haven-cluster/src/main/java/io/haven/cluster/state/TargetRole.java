package io.haven.cluster.state;

/** The operator's wish for a resource, as Pacemaker's {@code target-role}: started or stopped. */
public enum TargetRole {
    STARTED, STOPPED
}
