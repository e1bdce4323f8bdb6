package io.haven.cluster.raft;

/** Whether a node has quorum, and why: the reason is shown in status and logs. */
record Quorum(boolean has, String reason) {
}
