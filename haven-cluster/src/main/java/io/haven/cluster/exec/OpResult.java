package io.haven.cluster.exec;

import io.haven.cluster.agent.OcfStatus;
import io.haven.cluster.state.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** What one operation on one resource found, when it ran and how long it took. */
public record OpResult(String resource, Operation op, OcfStatus status, String message, Instant started, Duration took) {

    public boolean ok() {
        return status == OcfStatus.SUCCESS;
    }

    /** Whether the resource runs here after this operation: a successful start or monitor. */
    public boolean running() {
        return switch (op) {
            case START, MONITOR, PROBE -> status == OcfStatus.SUCCESS;
            case STOP -> status != OcfStatus.SUCCESS;
        };
    }

    @Override
    public String toString() {
        return resource + "_" + op.name().toLowerCase(Locale.ROOT) + ": " + status + " (" + message + ", " + took.toMillis() + " ms)";
    }
}
