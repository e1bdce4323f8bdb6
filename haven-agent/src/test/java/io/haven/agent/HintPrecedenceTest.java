package io.haven.agent;

import static io.haven.agent.CheckPolicyTest.DOWN;
import static io.haven.agent.CheckPolicyTest.FRESH;
import static io.haven.agent.CheckPolicyTest.LAGGING;
import static io.haven.agent.CheckPolicyTest.SQL_STOPPED;
import static io.haven.agent.CheckPolicyTest.WRITER;
import static io.haven.agent.CheckPolicyTest.decide;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * force-outside > force-error > force-into > master = delayed > the measurement, on the read
 * checks ({@code /check-lag}, {@code /ignore-lag}); only force-outside and force-error on
 * {@code /master}.
 */
class HintPrecedenceTest {
    static final List<Measurement> EVERY_MEASUREMENT = List.of(FRESH, LAGGING, WRITER, SQL_STOPPED, DOWN,
            Measurement.replica(Duration.ZERO, CheckPolicyTest.NOW - Duration.ofMinutes(1).toNanos()));

    static int statusOf(Hint h) {
        return switch (h) {
            case FORCE_OUTSIDE, MASTER, DELAYED -> 404;
            case FORCE_ERROR -> 503;
            case FORCE_INTO -> 200;
        };
    }

    @ParameterizedTest
    @EnumSource(Hint.class)
    void eachHintAloneOverridesEveryMeasurementOnBothReadChecks(Hint h) {
        for (Endpoint e : List.of(Endpoint.CHECK_LAG, Endpoint.IGNORE_LAG)) {
            for (Measurement m : EVERY_MEASUREMENT) {
                Verdict v = decide(e, m, Hints.of(h));
                assertThat(v.status()).as(h + " on " + e + " with " + m.describe()).isEqualTo(statusOf(h));
                assertThat(v.reason()).isEqualTo(h.fileName() + " hint");
            }
        }
    }

    @Test
    void theStrongerOfEveryPairOfHintsWins() {
        Hint[] order = Hint.values();
        for (int strong = 0; strong < order.length; strong++) {
            for (int weak = strong + 1; weak < order.length; weak++) {
                Hints both = Hints.of(order[strong], order[weak]);
                Hint expected = order[strong];
                for (Endpoint e : List.of(Endpoint.CHECK_LAG, Endpoint.IGNORE_LAG)) {
                    assertThat(decide(e, FRESH, both)).as(both + " on " + e)
                            .isEqualTo(new Verdict(statusOf(expected), expected.fileName() + " hint"));
                }
            }
        }
    }

    @Test
    void allHintsTogetherMeanForceOutside() {
        assertThat(decide(Endpoint.CHECK_LAG, FRESH, Hints.of(Hint.values()))).isEqualTo(new Verdict(404, "force-outside hint"));
        assertThat(decide(Endpoint.MASTER, WRITER, Hints.of(Hint.values()))).isEqualTo(new Verdict(404, "force-outside hint"));
    }

    @Test
    void forceErrorBeatsForceIntoOnALaggingReplica() {
        assertThat(decide(Endpoint.CHECK_LAG, LAGGING, Hints.of(Hint.FORCE_INTO, Hint.FORCE_ERROR)).status()).isEqualTo(503);
    }

    @Test
    void forceIntoKeepsALaggingOrUnreachableReplicaIn() {
        assertThat(decide(Endpoint.CHECK_LAG, LAGGING, Hints.of(Hint.FORCE_INTO)).status()).isEqualTo(200);
        assertThat(decide(Endpoint.CHECK_LAG, DOWN, Hints.of(Hint.FORCE_INTO)).status()).isEqualTo(200);
    }

    @Test
    void forceIntoBeatsTheMasterAndDelayedHints() {
        assertThat(decide(Endpoint.CHECK_LAG, FRESH, Hints.of(Hint.FORCE_INTO, Hint.DELAYED)).status()).isEqualTo(200);
        assertThat(decide(Endpoint.IGNORE_LAG, FRESH, Hints.of(Hint.FORCE_INTO, Hint.MASTER)).status()).isEqualTo(200);
    }

    @Test
    void aDelayedReplicaNeverTakesReadsEvenWhenFresh() {
        assertThat(decide(Endpoint.CHECK_LAG, FRESH, Hints.of(Hint.DELAYED))).isEqualTo(new Verdict(404, "delayed hint"));
        assertThat(decide(Endpoint.IGNORE_LAG, FRESH, Hints.of(Hint.DELAYED))).isEqualTo(new Verdict(404, "delayed hint"));
    }

    @Test
    void theBodyCarriesTheOperatorsNote() {
        Map<Hint, String> notes = new EnumMap<>(Hint.class);
        notes.put(Hint.FORCE_OUTSIDE, "reimaging, ask jane");
        assertThat(decide(Endpoint.CHECK_LAG, FRESH, new Hints(notes)))
                .isEqualTo(new Verdict(404, "force-outside hint: reimaging, ask jane"));
    }

    @Test
    void onMasterOnlyForceOutsideAndForceErrorCount() {
        for (Hint h : Hint.values()) {
            int expected = switch (h) {
                case FORCE_OUTSIDE -> 404;
                case FORCE_ERROR -> 503;
                default -> 200;
            };
            assertThat(decide(Endpoint.MASTER, WRITER, Hints.of(h)).status()).as(h.fileName()).isEqualTo(expected);
        }
    }
}
