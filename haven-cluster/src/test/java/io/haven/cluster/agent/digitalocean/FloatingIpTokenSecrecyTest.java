package io.haven.cluster.agent.digitalocean;

import static io.haven.cluster.agent.digitalocean.FloatingIpFixture.TOKEN;
import static org.assertj.core.api.Assertions.assertThat;

import io.haven.cluster.agent.AgentParams;
import io.haven.cluster.agent.AgentResult;
import io.haven.cluster.digitalocean.ActionOutcome;
import io.haven.cluster.digitalocean.RecordedRequest;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The token appears in the Authorization header and nowhere else: not in results, logs, URLs or bodies. */
class FloatingIpTokenSecrecyTest {
    @RegisterExtension
    final CapturedLogs logs = new CapturedLogs();

    @Test
    void theTokenFromTheEnvironmentOrAFileOnlyEverTravelsInTheAuthorizationHeader() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(null)) {
            List<AgentResult> results = new ArrayList<>();
            // from an environment variable: retries and an errored action make the agent log and explain
            AgentParams envParams = new AgentParams("fip", "digitalocean-floating-ip", Map.of(
                    "ip", FloatingIpFixture.IP, "token-env", "MY_DO_TOKEN", "api-url", f.emulator.apiUrl().toString(),
                    "droplet-id", "101", "poll-interval", "50ms"));
            FloatingIpAgent fromEnv = FloatingIpAgent.create(envParams, Map.of("MY_DO_TOKEN", TOKEN));
            f.emulator.failNext(1, 503).tooManyRequestsNext(1, 1);
            results.add(fromEnv.start(Duration.ofSeconds(10)));
            f.emulator.actionOutcome(ActionOutcome.ERRORED);
            results.add(fromEnv.stop(Duration.ofSeconds(10)));
            f.emulator.actionOutcome(ActionOutcome.COMPLETE);
            results.add(fromEnv.stop(Duration.ofSeconds(10)));
            // from a file, then refused
            FloatingIpAgent fromFile = f.agent(102);
            results.add(fromFile.start(Duration.ofSeconds(10)));
            results.add(fromFile.monitor(Duration.ofSeconds(10)));
            f.emulator.token("another");
            Files.writeString(f.tokenFile, "x" + TOKEN);
            results.add(fromFile.monitor(Duration.ofSeconds(10)));
            // no token at all
            results.add(FloatingIpAgent.create(envParams, Map.of()).monitor(Duration.ofSeconds(5)));

            assertThat(results).extracting(AgentResult::message).allSatisfy(m -> assertThat(m).doesNotContain(TOKEN));
            assertThat(results.get(5).message()).contains("401");
            assertThat(results.get(6).message()).contains("MY_DO_TOKEN is not set");
            assertThat(logs.events()).isNotEmpty();
            logs.assertNowhere(TOKEN);
            List<RecordedRequest> api = f.emulator.requests().stream().filter(r -> r.path().startsWith("/v2/")).toList();
            assertThat(api).hasSizeGreaterThan(5);
            for (RecordedRequest r : api) {
                assertThat(r.withoutAuthorization()).doesNotContain(TOKEN);
                assertThat(r.header("Authorization")).endsWith(TOKEN);
            }
            assertThat(f.emulator.requests("GET", "/metadata/")).allSatisfy(r ->
                    assertThat(r.header("Authorization")).isNull());
        }
    }
}
