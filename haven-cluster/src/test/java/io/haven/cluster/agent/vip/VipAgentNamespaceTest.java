package io.haven.cluster.agent.vip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.cluster.agent.AgentParams;
import io.haven.cluster.agent.AgentResult;
import io.haven.cluster.agent.NetnsPair;
import io.haven.cluster.agent.OcfStatus;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The vip agent adds, announces and removes a real address in a network namespace made by the test. */
class VipAgentNamespaceTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String VIP = "10.77.0.100";
    private NetnsPair net;

    @BeforeEach
    void network() throws Exception {
        net = NetnsPair.create();
    }

    private final List<VipAgent> agents = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        try {
            // stop also ends the background arping
            for (VipAgent a : agents) {
                a.stop(TIMEOUT);
            }
        } finally {
            net.close();
        }
    }

    private VipAgent agent(Map<String, String> params) {
        VipAgent a = VipAgent.create(new AgentParams("vip", "vip", params), net.nodeRunner());
        agents.add(a);
        return a;
    }

    @Test
    void startAddsTheAddressAndTheGratuitousArpReachesThePeer() throws Exception {
        VipAgent agent = agent(Map.of("ip", VIP + "/24", "interface", NetnsPair.NIC, "arp-count", "2"));
        assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.NOT_RUNNING);
        assertThat(net.peerNeighbours()).doesNotContain(VIP);
        long t0 = System.nanoTime();
        AgentResult r = agent.start(TIMEOUT);
        System.out.printf("vip start took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(r.status()).as(r.message()).isEqualTo(OcfStatus.SUCCESS);
        assertThat(net.nodeAddresses()).contains("inet " + VIP + "/24");
        assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
        // the peer never talked to the VIP: only the announcement can have put it in its table
        String mac = net.nodeMac();
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
                assertThat(net.peerNeighbours()).contains(VIP + " lladdr " + mac));
    }

    @Test
    void aLeasedAddressLivesWhileTheAgentRenewsItAndExpiresWhenNobodyDoes() throws Exception {
        VipAgent agent = agent(Map.of("ip", VIP + "/24", "interface", NetnsPair.NIC, "arp-count", "0", "lease", "1s"));
        AgentResult r = agent.start(TIMEOUT);
        assertThat(r.message()).contains("with a 1 s lease");
        assertThat(net.nodeAddresses()).contains("inet " + VIP + "/24").contains("valid_lft 1sec");
        await("renewed past its lease").during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(4))
                .until(() -> net.nodeAddresses().contains("inet " + VIP + "/24"));
        agent.abandon(); // Haven killed or frozen: nobody renews
        long t0 = System.nanoTime();
        await("expired").atMost(Duration.ofSeconds(5)).until(() -> !net.nodeAddresses().contains("inet " + VIP + "/24"));
        System.out.printf("abandoned 1 s lease expired after %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.NOT_RUNNING);
    }

    @Test
    void leaseZeroAddsAPermanentAddressAsIpaddr2Does() throws Exception {
        VipAgent agent = agent(Map.of("ip", VIP + "/24", "interface", NetnsPair.NIC, "arp-count", "0", "lease", "0"));
        agent.start(TIMEOUT);
        assertThat(net.nodeAddresses()).contains("inet " + VIP + "/24").contains("valid_lft forever");
    }

    @Test
    void startTwiceIsASuccessAndLeavesOneAddress() throws Exception {
        VipAgent agent = agent(Map.of("ip", VIP + "/24", "interface", NetnsPair.NIC, "arp-count", "0"));
        assertThat(agent.start(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
        AgentResult again = agent.start(TIMEOUT);
        assertThat(again.status()).isEqualTo(OcfStatus.SUCCESS);
        assertThat(again.message()).contains("already on");
        assertThat(net.nodeAddresses().split(VIP + "/", -1)).hasSize(2);
    }

    @Test
    void stopRemovesTheAddressAndAgainIsASuccess() throws Exception {
        VipAgent agent = agent(Map.of("ip", VIP + "/24", "interface", NetnsPair.NIC, "arp-count", "3"));
        assertThat(agent.start(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
        AgentResult r = agent.stop(TIMEOUT);
        assertThat(r.status()).as(r.message()).isEqualTo(OcfStatus.SUCCESS);
        assertThat(net.nodeAddresses()).doesNotContain(VIP).contains(NetnsPair.NODE_ADDRESS);
        assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.NOT_RUNNING);
        assertThat(agent.stop(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
    }

    @Test
    void anAddressRemovedBehindTheAgentsBackIsSeenByMonitor() throws Exception {
        VipAgent agent = agent(Map.of("ip", VIP + "/24", "interface", NetnsPair.NIC, "arp-count", "0"));
        assertThat(agent.start(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
        assertThat(net.nodeRunner().run(List.of("ip", "addr", "del", VIP + "/24", "dev", NetnsPair.NIC), TIMEOUT).ok()).isTrue();
        assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.NOT_RUNNING);
    }

    @Test
    void aMissingInterfaceIsAConfigurationErrorOnStart() throws Exception {
        VipAgent agent = agent(Map.of("ip", VIP + "/24", "interface", "nosuch0"));
        AgentResult r = agent.start(TIMEOUT);
        assertThat(r.status()).isEqualTo(OcfStatus.ERR_CONFIGURED);
        assertThat(r.message()).contains("interface nosuch0 does not exist");
        assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.NOT_RUNNING);
        assertThat(agent.stop(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
    }
}
