package io.haven.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The decision table: measurement + hints + request -> status and reason, as a pure function. */
class CheckPolicyTest {
    static final Duration MAX_LAG = Duration.ofSeconds(1);
    static final Duration STALE_AFTER = Duration.ofMillis(600);
    static final long NOW = 10_000_000_000L;

    static final Measurement FRESH = Measurement.replica(Duration.ofMillis(120), NOW);
    static final Measurement LAGGING = Measurement.replica(Duration.ofMillis(3200), NOW);
    static final Measurement WRITER = Measurement.writer(NOW);
    static final Measurement SQL_STOPPED = Measurement.lagUnknown("replication SQL thread not running", NOW);
    static final Measurement DOWN = Measurement.unreachable("cannot connect to 127.0.0.1:3306: Connection refused", NOW);

    static Verdict decide(Endpoint e, Measurement m, Hints h) {
        return CheckPolicy.decide(e, MAX_LAG, m, h, STALE_AFTER, NOW);
    }

    static Verdict get(String path, String query, Measurement m, Hints h) {
        return CheckPolicy.answer(path, query, m, h, MAX_LAG, STALE_AFTER, NOW);
    }

    @Nested
    class CheckLag {
        @Test
        void aReplicaWithinMaxLagIs200WithTheLag() {
            assertThat(decide(Endpoint.CHECK_LAG, FRESH, Hints.NONE))
                    .isEqualTo(new Verdict(200, "lag 0.120s <= max-lag 1.000s"));
        }

        @Test
        void aReplicaExactlyAtMaxLagIsStillFresh() {
            Measurement atLimit = Measurement.replica(MAX_LAG, NOW);
            assertThat(decide(Endpoint.CHECK_LAG, atLimit, Hints.NONE).status()).isEqualTo(200);
        }

        @Test
        void aLaggingReplicaIs503WithLagAndThreshold() {
            assertThat(decide(Endpoint.CHECK_LAG, LAGGING, Hints.NONE))
                    .isEqualTo(new Verdict(503, "lagging: lag 3.200s > max-lag 1.000s"));
        }

        @Test
        void unknownLagCountsAsLaggingNeverFresh() {
            assertThat(decide(Endpoint.CHECK_LAG, SQL_STOPPED, Hints.NONE))
                    .isEqualTo(new Verdict(503, "lag unknown: replication SQL thread not running"));
        }

        @Test
        void theWriterIs404Master() {
            assertThat(decide(Endpoint.CHECK_LAG, WRITER, Hints.NONE)).isEqualTo(new Verdict(404, "master"));
        }

        @Test
        void anUnreachableServerIs503WithTheReason() {
            assertThat(decide(Endpoint.CHECK_LAG, DOWN, Hints.NONE)).isEqualTo(
                    new Verdict(503, "MySQL unavailable: cannot connect to 127.0.0.1:3306: Connection refused"));
        }
    }

    @Nested
    class IgnoreLag {
        @Test
        void anyAnsweringServerIs200WhateverItsLag() {
            assertThat(decide(Endpoint.IGNORE_LAG, LAGGING, Hints.NONE))
                    .isEqualTo(new Verdict(200, "MySQL answers (replica, lag 3.200s)"));
            assertThat(decide(Endpoint.IGNORE_LAG, SQL_STOPPED, Hints.NONE).status()).isEqualTo(200);
            assertThat(decide(Endpoint.IGNORE_LAG, WRITER, Hints.NONE)).isEqualTo(new Verdict(200, "MySQL answers (master)"));
        }

        @Test
        void anUnreachableServerIs503() {
            assertThat(decide(Endpoint.IGNORE_LAG, DOWN, Hints.NONE).status()).isEqualTo(503);
        }
    }

    @Nested
    class Master {
        @Test
        void theWriterIs200AndAReplica404() {
            assertThat(decide(Endpoint.MASTER, WRITER, Hints.NONE)).isEqualTo(new Verdict(200, "master"));
            assertThat(decide(Endpoint.MASTER, FRESH, Hints.NONE))
                    .isEqualTo(new Verdict(404, "not master (replica, lag 0.120s)"));
        }

        @Test
        void anUnreachableServerIs503NotAWriter() {
            assertThat(decide(Endpoint.MASTER, DOWN, Hints.NONE).status()).isEqualTo(503);
        }

        @Test
        void hintsThatPutAServerIntoReadPoolsNeverMakeItAWriter() {
            assertThat(decide(Endpoint.MASTER, FRESH, Hints.of(Hint.FORCE_INTO)).status()).isEqualTo(404);
            assertThat(decide(Endpoint.MASTER, FRESH, Hints.of(Hint.MASTER)).status()).isEqualTo(404);
            assertThat(decide(Endpoint.MASTER, WRITER, Hints.of(Hint.DELAYED)).status()).isEqualTo(200);
        }

        @Test
        void forceOutsideAndForceErrorApplyToTheWriterToo() {
            assertThat(decide(Endpoint.MASTER, WRITER, Hints.of(Hint.FORCE_OUTSIDE))).isEqualTo(new Verdict(404, "force-outside hint"));
            assertThat(decide(Endpoint.MASTER, WRITER, Hints.of(Hint.FORCE_ERROR))).isEqualTo(new Verdict(503, "force-error hint"));
        }
    }

    @Nested
    class Staleness {
        @Test
        void aMeasurementOlderThanStaleAfterIsUnknownEvenIfItWasFresh() {
            Measurement old = Measurement.replica(Duration.ofMillis(10), NOW - Duration.ofMillis(601).toNanos());
            Verdict v = decide(Endpoint.CHECK_LAG, old, Hints.NONE);
            assertThat(v.status()).isEqualTo(503);
            assertThat(v.reason()).isEqualTo("no measurement for 0.601s; last: replica, lag 0.010s");
        }

        @Test
        void aMeasurementExactlyStaleAfterOldStillCounts() {
            Measurement old = Measurement.replica(Duration.ofMillis(10), NOW - STALE_AFTER.toNanos());
            assertThat(decide(Endpoint.CHECK_LAG, old, Hints.NONE).status()).isEqualTo(200);
        }

        @ParameterizedTest
        @EnumSource(Endpoint.class)
        void aStaleMeasurementIs503OnEveryEndpoint(Endpoint e) {
            Measurement old = Measurement.writer(NOW - Duration.ofSeconds(5).toNanos());
            assertThat(decide(e, old, Hints.NONE).status()).isEqualTo(503);
        }

        @Test
        void aStaleUnreachableMeasurementKeepsItsReason() {
            Measurement old = Measurement.unreachable("cannot connect: refused", NOW - Duration.ofSeconds(2).toNanos());
            assertThat(decide(Endpoint.IGNORE_LAG, old, Hints.NONE).reason())
                    .isEqualTo("no measurement for 2.000s; last: cannot connect: refused");
        }
    }

    @Nested
    class PerRequestMaxLag {
        @Test
        void theQueryParameterOverridesTheDefaultBothWays() {
            assertThat(get("/check-lag", "max-lag=5s", LAGGING, Hints.NONE))
                    .isEqualTo(new Verdict(200, "lag 3.200s <= max-lag 5.000s"));
            assertThat(get("/check-lag", "max_lag=100", FRESH, Hints.NONE))
                    .isEqualTo(new Verdict(503, "lagging: lag 0.120s > max-lag 0.100s"));
            assertThat(get("/check-lag", null, LAGGING, Hints.NONE).status()).isEqualTo(503);
        }

        @Test
        void aBadParameterIs400NamingWhatIsAccepted() {
            Verdict v = get("/check-lag", "max-lag=soon", FRESH, Hints.NONE);
            assertThat(v.status()).isEqualTo(400);
            assertThat(v.reason()).startsWith("bad max-lag: 'soon' is not a time");
            assertThat(get("/check-lag", "maxlag=2s", FRESH, Hints.NONE))
                    .isEqualTo(new Verdict(400, "unknown parameter 'maxlag'; accepted: max-lag, max_lag"));
        }

        @Test
        void maxLagDoesNotBypassHintsOrUnknownLag() {
            assertThat(get("/check-lag", "max-lag=1h", SQL_STOPPED, Hints.NONE).status()).isEqualTo(503);
            assertThat(get("/check-lag", "max-lag=1h", FRESH, Hints.of(Hint.DELAYED)).status()).isEqualTo(404);
        }
    }

    @Nested
    class UnknownPaths {
        @Test
        void anyOtherPathIs404UnknownCheckWhateverTheHintsOrQuery() {
            assertThat(get("/", null, FRESH, Hints.NONE)).isEqualTo(new Verdict(404, "unknown check"));
            assertThat(get("/status", "x=1", FRESH, Hints.of(Hint.FORCE_INTO))).isEqualTo(new Verdict(404, "unknown check"));
            assertThat(get("*", null, FRESH, Hints.NONE).status()).isEqualTo(404);
        }

        @Test
        void aTrailingSlashIsTolerated() {
            assertThat(get("/check-lag/", null, FRESH, Hints.NONE).status()).isEqualTo(200);
        }
    }
}
