package io.haven.cluster.agent.digitalocean;

import static io.haven.cluster.agent.digitalocean.FloatingIpFixture.IP;
import static org.assertj.core.api.Assertions.assertThat;

import io.haven.cluster.agent.AgentResult;
import io.haven.cluster.agent.OcfStatus;
import io.haven.cluster.digitalocean.ActionOutcome;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Answers that retrying cannot fix end the operation at once, with an OCF status and a message that says why. */
class FloatingIpAgentFailureTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void aRefusedTokenIsNotRetried() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(null)) {
            Files.writeString(f.tokenFile, "dop_v1_revoked");
            AgentResult r = f.agent(101).start(TIMEOUT);
            assertThat(r.status()).isEqualTo(OcfStatus.ERR_PERM);
            assertThat(r.message()).contains("401 unauthorized").contains(f.tokenFile.toString());
            assertThat(f.emulator.requests("GET", "/v2/")).hasSize(1);
            assertThat(f.emulator.requests("POST", "/v2/")).isEmpty();
        }
    }

    @Test
    void anUnknownIpIsAConfigurationError() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(null)) {
            AgentResult r = f.agent(101, Map.of("ip", "203.0.113.99")).monitor(TIMEOUT);
            assertThat(r.status()).isEqualTo(OcfStatus.ERR_CONFIGURED);
            assertThat(r.message()).contains("404 not_found").contains("203.0.113.99");
            assertThat(f.emulator.requests("GET", "/v2/")).hasSize(1);
        }
    }

    @Test
    void anErroredActionFailsTheStartAndLeavesTheIpWhereItWas() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(102L)) {
            f.emulator.actionOutcome(ActionOutcome.ERRORED);
            AgentResult r = f.agent(101).start(TIMEOUT);
            assertThat(r.status()).isEqualTo(OcfStatus.ERR_GENERIC);
            assertThat(r.message()).contains("errored");
            assertThat(f.emulator.assignedDroplet(IP)).isEqualTo(102L);
        }
    }

    @Test
    void anActionThatNeverCompletesEndsInTimeout() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(null)) {
            f.emulator.actionOutcome(ActionOutcome.NEVER);
            long t0 = System.nanoTime();
            AgentResult r = f.agent(101).start(Duration.ofSeconds(2));
            System.out.printf("start with an endless action returned after %d ms (timeout 2000)%n", (System.nanoTime() - t0) / 1_000_000);
            assertThat(r.status()).isEqualTo(OcfStatus.TIMEOUT);
            assertThat(r.message()).contains("assign_ip action").contains("in-progress");
            assertThat(f.emulator.requests("GET", "/v2/actions/")).isNotEmpty();
        }
    }

    @Test
    void noMetadataServiceAndNoDropletIdIsAConfigurationError() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(null)) {
            // the API server answers 404 on /metadata/ for a source it does not know
            AgentResult r = f.agent(101, Map.of("metadata-url", f.emulator.apiUrl().toString())).monitor(TIMEOUT);
            assertThat(r.status()).isEqualTo(OcfStatus.ERR_CONFIGURED);
            assertThat(r.message()).contains("metadata").contains("droplet-id");
        }
    }

    @Test
    void aMissingTokenFileNamesTheFile() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(null)) {
            Files.delete(f.tokenFile);
            AgentResult r = f.agent(101).start(TIMEOUT);
            assertThat(r.status()).isEqualTo(OcfStatus.ERR_PERM);
            assertThat(r.message()).contains("cannot read the API token file " + f.tokenFile);
            assertThat(f.emulator.requests("GET", "/v2/")).isEmpty();
        }
    }
}
