package io.haven.cluster.exec;

import io.haven.cluster.state.Operation;
import java.time.Duration;

/**
 * A resource's operation settings ({@code op start timeout 20s}, {@code op monitor interval 2s
 * timeout 10s}, ...). A zero monitor interval means no recurring monitor.
 */
public record OpTimings(Duration startTimeout, Duration stopTimeout, Duration monitorInterval, Duration monitorTimeout) {
    /** Pacemaker's default operation timeout is 20 s; Haven monitors every 10 s unless told otherwise. */
    public static final OpTimings DEFAULTS = new OpTimings(Duration.ofSeconds(20), Duration.ofSeconds(20),
            Duration.ofSeconds(10), Duration.ofSeconds(20));

    public OpTimings {
        requirePositive(startTimeout, "start timeout");
        requirePositive(stopTimeout, "stop timeout");
        requirePositive(monitorTimeout, "monitor timeout");
        if (monitorInterval.isNegative()) {
            throw new IllegalArgumentException("monitor interval must not be negative: " + monitorInterval);
        }
    }

    private static void requirePositive(Duration d, String what) {
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive: " + d);
        }
    }

    public Duration timeout(Operation kind) {
        return switch (kind) {
            case START -> startTimeout;
            case STOP -> stopTimeout;
            case MONITOR, PROBE -> monitorTimeout;
        };
    }
}
