package io.haven.cluster.agent.digitalocean;

import static io.haven.cluster.agent.digitalocean.FloatingIpFixture.IP;
import static org.assertj.core.api.Assertions.assertThat;

import io.haven.cluster.agent.AgentResult;
import io.haven.cluster.agent.OcfStatus;
import io.haven.cluster.digitalocean.RecordedRequest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Start, monitor and stop move the IP through the emulated API, idempotently. */
class FloatingIpAgentTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void startAssignsTheIpToThisDropletAndWaitsForTheAction() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(null)) {
            FloatingIpAgent agent = f.agent(101);
            assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.NOT_RUNNING);
            long t0 = System.nanoTime();
            AgentResult r = agent.start(TIMEOUT);
            System.out.printf("start with a 150 ms action delay took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertThat(r.status()).as(r.message()).isEqualTo(OcfStatus.SUCCESS);
            // the result is reported only once the action completed and the IP moved
            assertThat(f.emulator.assignedDroplet(IP)).isEqualTo(101L);
            assertThat(f.emulator.locked(IP)).isFalse();
            assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
            RecordedRequest post = f.emulator.requests("POST", "/v2/floating_ips/" + IP + "/actions").get(0);
            assertThat(post.body()).isEqualTo("{\"type\":\"assign\",\"droplet_id\":101}");
            assertThat(post.header("Content-Type")).isEqualTo("application/json");
            assertThat(post.header("Authorization")).isEqualTo("Bearer " + FloatingIpFixture.TOKEN);
        }
    }

    @Test
    void startTakesTheIpOverFromTheOtherDroplet() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(102L)) {
            AgentResult r = f.agent(101).start(TIMEOUT);
            assertThat(r.status()).as(r.message()).isEqualTo(OcfStatus.SUCCESS);
            assertThat(f.emulator.assignedDroplet(IP)).isEqualTo(101L);
            assertThat(f.agent(102).monitor(TIMEOUT).status()).isEqualTo(OcfStatus.NOT_RUNNING);
        }
    }

    @Test
    void startWhenAlreadyAssignedHereSubmitsNoAction() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(101L)) {
            AgentResult r = f.agent(101).start(TIMEOUT);
            assertThat(r.status()).isEqualTo(OcfStatus.SUCCESS);
            assertThat(r.message()).contains("already assigned to droplet 101");
            assertThat(f.emulator.requests("POST", "/v2/")).isEmpty();
        }
    }

    @Test
    void stopUnassignsTheIpFromThisDropletAndAgainIsANoOp() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(101L)) {
            FloatingIpAgent agent = f.agent(101);
            AgentResult r = agent.stop(TIMEOUT);
            assertThat(r.status()).as(r.message()).isEqualTo(OcfStatus.SUCCESS);
            assertThat(f.emulator.assignedDroplet(IP)).isNull();
            assertThat(f.emulator.requests("POST", "/v2/").get(0).body()).isEqualTo("{\"type\":\"unassign\"}");
            assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.NOT_RUNNING);
            assertThat(agent.stop(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
            assertThat(f.emulator.requests("POST", "/v2/")).hasSize(1);
        }
    }

    @Test
    void theDropletIdParamReplacesTheMetadataLookup() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(102L)) {
            // the metadata service says 101, the operator says 102
            FloatingIpAgent agent = f.agent(101, java.util.Map.of("droplet-id", "102"));
            assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
        }
    }

    @Test
    void theDropletIdIsAskedOnceFromTheMetadataService() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(101L)) {
            FloatingIpAgent agent = f.agent(101);
            assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
            assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
            assertThat(f.emulator.requests("GET", "/metadata/v1/id")).hasSize(1);
        }
    }
}
