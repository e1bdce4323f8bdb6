package io.haven.config.model;

import io.haven.config.SourceLocation;

/**
 * An {@code op} line of a resource: {@code monitor}, {@code start} or {@code stop} with its
 * interval (monitor only; 0 for start and stop) and timeout, in milliseconds.
 * {@code location} is null for the built-in defaults.
 */
public record OperationConfig(String name, long intervalMs, long timeoutMs, SourceLocation location) {
    /** Pacemaker's default operation timeout. */
    public static final long DEFAULT_TIMEOUT_MS = 20_000;
    /** Haven's monitor interval when a resource has no {@code op monitor} line. */
    public static final long DEFAULT_MONITOR_INTERVAL_MS = 10_000;
}
