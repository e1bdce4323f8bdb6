package io.haven.cluster.placement;

/** A one-shot action the scheduler asks a node's executor to run; recurring monitors are the executor's own. */
public enum ActionType {
    /** Stop the resource; success is required before it may start anywhere else. */
    STOP,
    /** Run the agent's monitor once to learn whether the resource runs on the node. */
    PROBE,
    START
}
