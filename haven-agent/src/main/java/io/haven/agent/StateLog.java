package io.haven.agent;

import java.time.Duration;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's log: one line when the measured state changes (judged against the default
 * max-lag), one when the hints change, never one per request or per measurement. Thread-safe.
 */
final class StateLog {
    private static final Logger LOG = LoggerFactory.getLogger(StateLog.class);

    /** The measured state as an operator names it. */
    enum State {
        STARTING("starting"), FRESH("fresh"), LAGGING("lagging"), LAG_UNKNOWN("lag unknown"),
        MASTER("master"), UNREACHABLE("unreachable");

        private final String word;

        State(String word) {
            this.word = word;
        }

        @Override
        public String toString() {
            return word;
        }
    }

    private final String server;
    private final Duration maxLag;
    private State state = State.STARTING;
    private Hints hints = Hints.NONE;
    private String lastError;

    StateLog(String server, Duration maxLag) {
        this.server = server;
        this.maxLag = maxLag;
    }

    static State classify(Measurement m, Duration maxLag) {
        return switch (m.role()) {
            case WRITER -> State.MASTER;
            case UNREACHABLE -> State.UNREACHABLE;
            case REPLICA -> m.lag() == null ? State.LAG_UNKNOWN
                    : m.lag().compareTo(maxLag) > 0 ? State.LAGGING : State.FRESH;
        };
    }

    /** Logs the measurement if its state differs from the previous one's. */
    synchronized void measured(Measurement m) {
        State next = classify(m, maxLag);
        if (next == state) {
            return;
        }
        String detail = switch (next) {
            case FRESH, LAGGING -> "lag " + Times.format(m.lag()) + (next == State.LAGGING ? " > " : " <= ")
                    + "max-lag " + Times.format(maxLag);
            case MASTER -> "SHOW SLAVE STATUS has no row, this server is the writer";
            default -> m.problem();
        };
        String line = "MySQL " + server + ": " + state + " -> " + next + ": " + detail;
        if (next == State.FRESH || next == State.MASTER) {
            LOG.info(line);
        } else {
            LOG.warn(line);
        }
        state = next;
    }

    /** Logs the hints if they differ from the last ones seen. */
    synchronized void hints(Hints now) {
        if (!now.equals(hints)) {
            LOG.info("Hints changed: {} -> {}", hints, now);
            hints = now;
        }
    }

    /** Logs a failure of the agent itself once per distinct message. */
    synchronized void internalError(String what, Throwable e) {
        String message = what + ": " + e;
        if (!Objects.equals(message, lastError)) {
            LOG.error(message, e);
            lastError = message;
        }
    }

    synchronized State state() {
        return state;
    }
}
