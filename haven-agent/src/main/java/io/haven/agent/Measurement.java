package io.haven.agent;

import java.time.Duration;
import java.util.Objects;

/**
 * What one measurement round learnt about the MySQL server: its role, the replica's lag when it
 * is known, and otherwise why not. Immutable; the monitor publishes a new one each round and the
 * HTTP side reads the latest without waiting.
 *
 * @param role      writer, replica, or unreachable (no answer, error, timeout)
 * @param lag       the replica's lag; null when unknown (and always for a writer or no answer)
 * @param problem   why the lag or the role is unknown; null when nothing is wrong
 * @param takenNanos {@link System#nanoTime()} when the round finished
 */
public record Measurement(Role role, Duration lag, String problem, long takenNanos) {

    /** What the server is, as far as the last round could tell. */
    public enum Role {
        /** {@code SHOW SLAVE STATUS} returned no row: nothing replicates into this server. */
        WRITER,
        /** {@code SHOW SLAVE STATUS} returned a row. */
        REPLICA,
        /** No usable answer: no connection, a query error or a timeout. */
        UNREACHABLE
    }

    public Measurement {
        Objects.requireNonNull(role, "role");
        if (role == Role.REPLICA && lag == null && problem == null) {
            throw new IllegalArgumentException("a replica without a lag needs the reason");
        }
        if (role == Role.UNREACHABLE && problem == null) {
            throw new IllegalArgumentException("an unreachable server needs the reason");
        }
        if (role != Role.REPLICA && lag != null) {
            throw new IllegalArgumentException("only a replica has a lag");
        }
    }

    /** The server is the writer. */
    public static Measurement writer(long takenNanos) {
        return new Measurement(Role.WRITER, null, null, takenNanos);
    }

    /** A replica lagging by {@code lag} (negative clock skew counts as no lag). */
    public static Measurement replica(Duration lag, long takenNanos) {
        return new Measurement(Role.REPLICA, lag.isNegative() ? Duration.ZERO : lag, null, takenNanos);
    }

    /** A replica whose lag cannot be known, e.g. a replication thread is stopped. */
    public static Measurement lagUnknown(String why, long takenNanos) {
        return new Measurement(Role.REPLICA, null, why, takenNanos);
    }

    /** MySQL did not answer usefully. */
    public static Measurement unreachable(String why, long takenNanos) {
        return new Measurement(Role.UNREACHABLE, null, why, takenNanos);
    }

    /** How old the measurement is at {@code nowNanos}. */
    public Duration age(long nowNanos) {
        return Duration.ofNanos(Math.max(0, nowNanos - takenNanos));
    }

    /** One-line description for bodies and logs, e.g. {@code replica, lag 0.120s}. */
    public String describe() {
        return switch (role) {
            case WRITER -> "master";
            case REPLICA -> lag != null ? "replica, lag " + Times.format(lag) : "replica, lag unknown: " + problem;
            case UNREACHABLE -> problem;
        };
    }
}
