package io.haven.cluster.agent.digitalocean;

import static io.haven.cluster.agent.digitalocean.FloatingIpFixture.IP;
import static io.haven.cluster.agent.digitalocean.FloatingIpFixture.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.haven.cluster.agent.AgentParams;
import io.haven.cluster.digitalocean.ActionOutcome;
import io.haven.cluster.digitalocean.RecordedRequest;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An arbiter that cannot get a clear answer from the provider says no (no quorum: the safe side)
 * within its timeout, and says why in the log, where the token never appears.
 */
class FloatingIpArbiterFailureTest {
    private static final ArbiterTimings SHORT = new ArbiterTimings(Duration.ofSeconds(2), Duration.ZERO,
            ArbiterTimings.DEFAULT_RECENT);

    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();

    @AfterEach
    void theTokenIsNeverLogged() {
        logs.assertNowhere(TOKEN);
    }

    @Test
    void serverErrorsUntilTheTimeoutMeanNo() throws Exception {
        assertNo(f -> f.emulator.failNext(10_000, 503), "503");
    }

    @Test
    void aRateLimitBeyondTheTimeoutMeansNo() throws Exception {
        assertNo(f -> f.emulator.rateLimitFor(Duration.ofSeconds(60)), "rate limited");
    }

    @Test
    void anApiTooSlowForTheTimeoutMeansNo() throws Exception {
        assertNo(f -> f.emulator.slowNext(10, Duration.ofSeconds(5)), "before the deadline");
    }

    @Test
    void aClaimThatNeverCompletesMeansNo() throws Exception {
        assertNo(f -> f.emulator.actionOutcome(ActionOutcome.NEVER), "still in-progress");
    }

    @Test
    void anErroredClaimMeansNo() throws Exception {
        assertNo(f -> f.emulator.actionOutcome(ActionOutcome.ERRORED), "errored");
    }

    @Test
    void aRefusedTokenMeansNo() throws Exception {
        assertNo(f -> {
            try {
                Files.writeString(f.tokenFile, "x" + TOKEN);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }, "401");
    }

    @Test
    void anUnreachableApiMeansNo() throws Exception {
        int closed;
        try (ServerSocket s = new ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        try (FloatingIpFixture f = new FloatingIpFixture(101L)) {
            AgentParams p = f.params(101, Map.of("api-url", "http://127.0.0.1:" + closed, "request-timeout", "500ms"));
            assertThat(FloatingIpArbiter.create(p, Map.of(), SHORT).mayRunAlone("lb-2")).isFalse();
            assertThat(verdicts()).singleElement().satisfies(m -> assertThat(m).contains("do not run alone"));
        }
    }

    @Test
    void aMissingTokenVariableMeansNo() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(101L)) {
            AgentParams p = f.params(101, Map.of("token-file", "", "token-env", "HAVEN_TEST_DO_TOKEN"));
            assertThat(FloatingIpArbiter.create(p, Map.of(), SHORT).mayRunAlone("lb-2")).isFalse();
            assertThat(verdicts()).singleElement().satisfies(m -> assertThat(m).contains("HAVEN_TEST_DO_TOKEN is not set"));
        }
    }

    /** With {@code fault} set up, the holder's arbiter says no, logs why, and sent the token only in its header. */
    private void assertNo(Consumer<FloatingIpFixture> fault, String why) throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(101L)) {
            fault.accept(f);
            assertThat(f.arbiter(101, SHORT).mayRunAlone("lb-2")).isFalse();
            assertThat(verdicts()).singleElement().satisfies(m -> assertThat(m).contains("do not run alone", why));
            List<RecordedRequest> api = f.emulator.requests().stream().filter(r -> r.path().startsWith("/v2/")).toList();
            assertThat(api).allSatisfy(r -> { // a request still being answered slowly is not recorded yet
                assertThat(r.withoutAuthorization()).doesNotContain(TOKEN);
                if (r.header("Authorization") != null) {
                    assertThat(r.header("Authorization")).endsWith(TOKEN);
                }
            });
        }
    }

    private List<String> verdicts() {
        return logs.events().stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.startsWith("two_node arbiter"))
                .toList();
    }
}
