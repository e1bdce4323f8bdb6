package io.haven.cluster.agent.ocf;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.cluster.agent.AgentParams;
import io.haven.cluster.agent.AgentResult;
import io.haven.cluster.agent.NetnsPair;
import io.haven.cluster.agent.OcfStatus;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Debian's heartbeat:IPaddr2 moves a real address inside a network namespace made by the test. */
class OcfAgentIpaddr2NamespaceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Test
    void ipaddr2AddsMonitorsAndRemovesTheAddress() throws Exception {
        try (NetnsPair net = NetnsPair.create()) {
            // an address of its own per run: IPaddr2 keeps its send_arp pid file per IP in /run/resource-agents
            String vip = "10.77.0." + (100 + ProcessHandle.current().pid() % 100);
            OcfAgent agent = OcfAgent.create(new AgentParams("vip-ocf", "ocf", Map.of("agent", "heartbeat:IPaddr2",
                    "ip", vip, "cidr_netmask", "24", "nic", NetnsPair.NIC)), net.nodeRunner());
            assertThat(agent.probe(TIMEOUT).status()).isEqualTo(OcfStatus.NOT_RUNNING);
            long t0 = System.nanoTime();
            AgentResult start = agent.start(TIMEOUT);
            System.out.printf("IPaddr2 start took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
            assertThat(start.status()).as(start.message()).isEqualTo(OcfStatus.SUCCESS);
            assertThat(net.nodeAddresses()).contains("inet " + vip + "/24");
            assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
            AgentResult stop = agent.stop(TIMEOUT);
            assertThat(stop.status()).as(stop.message()).isEqualTo(OcfStatus.SUCCESS);
            assertThat(net.nodeAddresses()).doesNotContain(vip + "/");
            assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.NOT_RUNNING);
        }
    }
}
