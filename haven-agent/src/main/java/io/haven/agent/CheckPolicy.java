package io.haven.agent;

import java.time.Duration;
import java.util.Optional;

/**
 * The agent's whole decision as a pure function: endpoint, threshold, latest measurement, hints
 * and the time give the status and the reason. No I/O, no clock, no state.
 *
 * <p>Precedence, strongest first (each rule applies only to the endpoints listed):
 * <ol>
 *   <li>{@code force-outside} hint: 404 on every endpoint;</li>
 *   <li>{@code force-error} hint: 503 on every endpoint;</li>
 *   <li>{@code force-into} hint: 200 on {@code /check-lag} and {@code /ignore-lag}, even when
 *       lagging or unreachable (never on {@code /master}: a hint must not make a writer);</li>
 *   <li>{@code master} or {@code delayed} hint: 404 on {@code /check-lag} and {@code /ignore-lag};</li>
 *   <li>the measurement: unknown (none within {@code staleAfter}, no connection, error, timeout)
 *       is 503; then per endpoint, see {@link #measured}.</li>
 * </ol>
 */
public final class CheckPolicy {
    private CheckPolicy() {
    }

    /**
     * Answers a request for {@code path?rawQuery}: 404 {@code unknown check} for another path,
     * 400 for a query that is not understood, else {@link #decide}.
     */
    public static Verdict answer(String path, String rawQuery, Measurement latest, Hints hints,
                                 Duration defaultMaxLag, Duration staleAfter, long nowNanos) {
        if (Endpoint.of(path).isEmpty()) {
            return Verdict.outside("unknown check");
        }
        CheckRequest request;
        try {
            request = CheckRequest.parse(path, rawQuery, defaultMaxLag);
        } catch (CheckRequest.BadQueryException e) {
            return new Verdict(400, e.getMessage());
        }
        return decide(request.endpoint(), request.maxLag(), latest, hints, staleAfter, nowNanos);
    }

    /** The verdict for one endpoint; see the class comment for the precedence. */
    public static Verdict decide(Endpoint endpoint, Duration maxLag, Measurement latest, Hints hints,
                                 Duration staleAfter, long nowNanos) {
        Optional<Verdict> hinted = hinted(endpoint, hints);
        if (hinted.isPresent()) {
            return hinted.get();
        }
        Duration age = latest.age(nowNanos);
        if (age.compareTo(staleAfter) > 0) {
            return Verdict.unavailable("no measurement for " + Times.format(age) + "; last: " + latest.describe());
        }
        return measured(endpoint, maxLag, latest);
    }

    private static Optional<Verdict> hinted(Endpoint endpoint, Hints hints) {
        boolean readPool = endpoint != Endpoint.MASTER;
        Optional<Hint> strongest = readPool
                ? hints.strongest(Hint.FORCE_OUTSIDE, Hint.FORCE_ERROR, Hint.FORCE_INTO, Hint.MASTER, Hint.DELAYED)
                : hints.strongest(Hint.FORCE_OUTSIDE, Hint.FORCE_ERROR);
        return strongest.map(h -> switch (h) {
            case FORCE_ERROR -> Verdict.unavailable(hints.describe(h));
            case FORCE_INTO -> Verdict.ok(hints.describe(h));
            case FORCE_OUTSIDE, MASTER, DELAYED -> Verdict.outside(hints.describe(h));
        });
    }

    /**
     * A fresh measurement, per endpoint. {@code /check-lag}: writer 404 {@code master}; replica
     * with unknown lag 503; lag above the threshold 503; else 200. {@code /ignore-lag}: 200
     * whenever MySQL answered (writer or replica, any lag). {@code /master}: writer 200, replica
     * 404. An unreachable server is 503 everywhere.
     */
    static Verdict measured(Endpoint endpoint, Duration maxLag, Measurement m) {
        if (m.role() == Measurement.Role.UNREACHABLE) {
            return Verdict.unavailable("MySQL unavailable: " + m.problem());
        }
        return switch (endpoint) {
            case CHECK_LAG -> checkLag(maxLag, m);
            case IGNORE_LAG -> Verdict.ok("MySQL answers (" + m.describe() + ")");
            case MASTER -> m.role() == Measurement.Role.WRITER
                    ? Verdict.ok("master")
                    : Verdict.outside("not master (" + m.describe() + ")");
        };
    }

    private static Verdict checkLag(Duration maxLag, Measurement m) {
        if (m.role() == Measurement.Role.WRITER) {
            return Verdict.outside("master");
        }
        if (m.lag() == null) {
            return Verdict.unavailable("lag unknown: " + m.problem());
        }
        String comparison = "lag " + Times.format(m.lag()) + (m.lag().compareTo(maxLag) > 0 ? " > " : " <= ")
                + "max-lag " + Times.format(maxLag);
        return m.lag().compareTo(maxLag) > 0 ? Verdict.unavailable("lagging: " + comparison) : Verdict.ok(comparison);
    }
}
