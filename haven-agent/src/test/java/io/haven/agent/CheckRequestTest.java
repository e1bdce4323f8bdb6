package io.haven.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Query parameters: {@code max-lag} and {@code max_lag} in HAProxy's time syntax, nothing else. */
class CheckRequestTest {
    static final Duration DEFAULT = Duration.ofSeconds(1);

    static Duration maxLag(String query) throws Exception {
        return CheckRequest.parse("/check-lag", query, DEFAULT).maxLag();
    }

    @Test
    void withoutAQueryTheDefaultApplies() throws Exception {
        assertThat(maxLag(null)).isEqualTo(DEFAULT);
        assertThat(maxLag("")).isEqualTo(DEFAULT);
        assertThat(maxLag("&")).isEqualTo(DEFAULT);
    }

    @Test
    void bothSpellingsTakeHaproxyTimesWithBareNumbersInMilliseconds() throws Exception {
        assertThat(maxLag("max-lag=2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(maxLag("max_lag=2000")).isEqualTo(Duration.ofSeconds(2));
        assertThat(maxLag("max_lag=1.5s")).isEqualTo(Duration.ofMillis(1500));
        assertThat(maxLag("max-lag=250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(maxLag("max-lag=0")).isEqualTo(Duration.ZERO);
    }

    @Test
    void percentEncodingIsDecoded() throws Exception {
        assertThat(maxLag("max%2Dlag=3%73")).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void theLastOfRepeatedParametersWins() throws Exception {
        assertThat(maxLag("max-lag=2s&max_lag=500")).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void unknownParametersAndBadValuesAreRejectedNotIgnored() {
        assertThatThrownBy(() -> maxLag("max-lag=2x")).isInstanceOf(CheckRequest.BadQueryException.class)
                .hasMessageStartingWith("bad max-lag: '2x' is not a time");
        assertThatThrownBy(() -> maxLag("max-lag=")).isInstanceOf(CheckRequest.BadQueryException.class);
        assertThatThrownBy(() -> maxLag("max-lag=-1s")).isInstanceOf(CheckRequest.BadQueryException.class);
        assertThatThrownBy(() -> maxLag("lag=1s")).hasMessage("unknown parameter 'lag'; accepted: max-lag, max_lag");
        assertThatThrownBy(() -> maxLag("max-lag=%zz")).hasMessage("bad percent-encoding in '%zz'");
    }

    @Test
    void thePathNamesTheEndpoint() throws Exception {
        assertThat(CheckRequest.parse("/ignore-lag", null, DEFAULT).endpoint()).isEqualTo(Endpoint.IGNORE_LAG);
        assertThat(CheckRequest.parse("/master", null, DEFAULT).endpoint()).isEqualTo(Endpoint.MASTER);
        assertThat(CheckRequest.parse("/check-lag/x", null, DEFAULT).endpoint()).isNull();
    }
}
