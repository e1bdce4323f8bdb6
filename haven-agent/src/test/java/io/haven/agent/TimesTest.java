package io.haven.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** HAProxy's time syntax (plus decimals) and the seconds form used in bodies. */
class TimesTest {
    @Test
    void unitsAreHaproxys() {
        assertThat(Times.parse("200")).isEqualTo(Duration.ofMillis(200));
        assertThat(Times.parse("200ms")).isEqualTo(Duration.ofMillis(200));
        assertThat(Times.parse("1500us")).isEqualTo(Duration.ofNanos(1_500_000));
        assertThat(Times.parse("2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Times.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Times.parse("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(Times.parse("0.25s")).isEqualTo(Duration.ofMillis(250));
        assertThat(Times.parse(" 3S ")).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void anythingElseNamesWhatWouldBeAccepted() {
        for (String bad : new String[] {"", "s", "1d2", "1.2.3s", "-1s", "1 s", "10y", null}) {
            assertThatThrownBy(() -> Times.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("expected a number with a unit among us, ms, s, m, h");
        }
    }

    @Test
    void formatGivesSecondsWithMilliseconds() {
        assertThat(Times.format(Duration.ofMillis(3200))).isEqualTo("3.200s");
        assertThat(Times.format(Duration.ZERO)).isEqualTo("0.000s");
        assertThat(Times.format(Duration.ofMinutes(2))).isEqualTo("120.000s");
        assertThat(Times.format(Duration.ofMillis(-5))).isEqualTo("-0.005s");
    }
}
