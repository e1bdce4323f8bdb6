package io.haven.cluster.state;

/**
 * An agent operation an executor reports: start, stop, a recurring monitor, or a probe (a one-shot
 * monitor that learns whether a resource runs on a node, as Pacemaker probes a joining node).
 */
public enum Operation {
    START, STOP, MONITOR, PROBE
}
