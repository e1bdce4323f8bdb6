package io.haven.cluster.state;

/** Interval (monitor only, 0 otherwise) and timeout of one operation of a resource, in milliseconds. */
public record OperationSpec(long intervalMs, long timeoutMs) {
}
