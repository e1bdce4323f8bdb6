package io.haven.cluster.state;

/**
 * Failures of one resource on one node: how many, and when the last one happened (epoch ms).
 * A failed start or stop counts {@link Score#INFINITY}, as Pacemaker's start-failure-is-fatal.
 */
public record FailCount(int count, long lastFailureAt) {
    /** True once {@code failureTimeoutMs} (if > 0) has passed since the last failure. */
    public boolean expired(long failureTimeoutMs, long now) {
        return failureTimeoutMs > 0 && now - lastFailureAt >= failureTimeoutMs;
    }

    /** When this failure expires, or {@link Long#MAX_VALUE} if it never does. */
    public long expiresAt(long failureTimeoutMs) {
        return failureTimeoutMs > 0 ? lastFailureAt + failureTimeoutMs : Long.MAX_VALUE;
    }
}
