package io.haven.cluster.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.haven.cluster.agent.AgentParams;
import io.haven.cluster.agent.digitalocean.ArbiterTimings;
import io.haven.cluster.agent.digitalocean.FloatingIpArbiter;
import io.haven.cluster.digitalocean.DigitalOceanEmulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A two_node pair whose arbiter is the floating IP (droplet 101 is node a, 102 is node b): when
 * the link between them is cut, exactly one keeps quorum, the one the provider says holds the IP
 * afterwards; the other has none. After healing both are in one view with one leader again. A peer
 * whose sockets closed is referred to the arbiter too.
 */
class FloatingIpArbiterQuorumTest {
    private static final String IP = "45.55.96.47";
    private static final String TOKEN = "dop_v1_quorumArbiterTestToken";
    private static final Map<String, Long> DROPLETS = Map.of("a", 101L, "b", 102L);
    private static final ArbiterTimings TIMINGS = ArbiterTimings.withTimeout(Duration.ofSeconds(10));

    private DigitalOceanEmulator emulator;
    private Path tokenFile;

    @BeforeEach
    void provider() throws IOException {
        emulator = DigitalOceanEmulator.start().token(TOKEN).droplet(101, "lb-a").droplet(102, "lb-b")
                .floatingIp(IP, 101L);
        tokenFile = Files.createTempFile("do-token", ".txt");
        Files.writeString(tokenFile, TOKEN);
    }

    @AfterEach
    void close() throws IOException {
        emulator.close();
        Files.deleteIfExists(tokenFile);
    }

    @Test
    void aCutLinkLeavesQuorumOnlyWithTheNodeThatHoldsTheIpAndHealingReunitesThePair() throws Exception {
        try (TestCluster c = pair(name -> arbiter(name, emulator.apiUrl()))) {
            c.startAll();
            await().atMost(Duration.ofSeconds(10)).until(() -> c.agreedLeader().isPresent());
            c.submit("a", "before");

            c.isolate("a");
            String winner = afterArbitration(c);
            assertThat(winner).isEqualTo("a"); // the holder claims at once, the other lets it for the grace
            rejoin(c, winner);
        }
    }

    @Test
    void whenTheHolderCannotReachTheProviderItsPeerTakesTheIpAndKeepsQuorum() throws Exception {
        URI nowhere = closedPort();
        try (TestCluster c = pair(name -> arbiter(name, name.equals("a") ? nowhere : emulator.apiUrl()))) {
            c.startAll();
            await().atMost(Duration.ofSeconds(10)).until(() -> c.agreedLeader().isPresent());
            c.submit("b", "before");

            c.isolate("a");
            String winner = afterArbitration(c);
            assertThat(winner).isEqualTo("b");
            rejoin(c, winner);
        }
    }

    @Test
    void aPeerWhoseSocketsClosedIsArbitratedTooAndTheSurvivorTakesTheIp() throws Exception {
        try (TestCluster c = pair(name -> arbiter(name, emulator.apiUrl()))) {
            c.startAll();
            await().atMost(Duration.ofSeconds(10)).until(() -> c.agreedLeader().isPresent());
            c.halt("a"); // its channel shuts without leaving: to b, a crash, or a partition that resets connections
            QuorumRecorder b = c.recorders.get("b");
            await().atMost(Duration.ofSeconds(20)).until(() -> b.reason()
                    .equals("two_node: a unreachable, the arbiter lets this node run alone"));
            assertThat(b.quorumEvents).contains("lost: two_node: a crashed (its sockets closed), asking the arbiter")
                    .endsWith("gained: two_node: a unreachable, the arbiter lets this node run alone");
            assertThat(emulator.assignedDroplet(IP)).isEqualTo(DROPLETS.get("b"));
            await().atMost(Duration.ofSeconds(5)).until(() -> c.node("b").status().isLeader());
            assertThat(c.tryCommit("b", "alone")).isTrue();
        }
    }

    /**
     * Waits until both nodes heard their arbiter, checks that exactly one has quorum and that it is the
     * node whose droplet holds the IP, that it leads alone and commits, and that the other cannot.
     */
    private String afterArbitration(TestCluster c) throws Exception {
        for (String n : List.of("a", "b")) {
            await().atMost(Duration.ofSeconds(20)).until(() -> c.recorders.get(n).reason()
                    .startsWith("two_node: " + other(n) + " unreachable, the arbiter "));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !emulator.locked(IP));
        long holder = emulator.assignedDroplet(IP);
        String winner = DROPLETS.get("a") == holder ? "a" : "b";
        String loser = other(winner);
        assertThat(c.recorders.get(winner).hasQuorum()).as(c::describe).isTrue();
        assertThat(c.recorders.get(winner).reason())
                .isEqualTo("two_node: " + loser + " unreachable, the arbiter lets this node run alone");
        assertThat(c.recorders.get(loser).hasQuorum()).as(c::describe).isFalse();
        assertThat(c.recorders.get(loser).reason())
                .isEqualTo("two_node: " + winner + " unreachable, the arbiter denies running alone");

        await().atMost(Duration.ofSeconds(5)).until(() -> c.node(winner).status().isLeader()
                && c.node(winner).status().up().equals(Set.of(winner)));
        assertThat(c.tryCommit(winner, "alone")).isTrue();
        assertThat(c.node(loser).status().leader()).isEmpty();
        assertThatThrownBy(() -> c.node(loser).submit("lost".getBytes(StandardCharsets.UTF_8)).get())
                .isInstanceOf(ExecutionException.class);
        return winner;
    }

    /** Heals the link: both nodes in one view with quorum and one leader, the loser catches up. */
    private static void rejoin(TestCluster c, String winner) throws Exception {
        String loser = other(winner);
        c.heal("a");
        await().atMost(Duration.ofSeconds(15)).until(() -> c.agreedLeader().isPresent()
                && c.recorders.get("a").reason().equals("both nodes up")
                && c.recorders.get("b").reason().equals("both nodes up"));
        c.submit(loser, "healed");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(c.applied(loser)).as(c::describe)
                .containsExactly("before", "alone", "healed").isEqualTo(c.applied(winner)));
        assertThat(c.recorders.get(loser).soloCommitsLostTo).isEmpty();
    }

    private static TestCluster pair(java.util.function.Function<String, TwoNodeArbiter> arbiters) throws IOException {
        return new TestCluster(QuorumMode.TWO_NODE, List.of("a", "b"), List.of()).arbiters(arbiters);
    }

    private FloatingIpArbiter arbiter(String node, URI api) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("ip", IP);
        params.put("token-file", tokenFile.toString());
        params.put("api-url", api.toString());
        params.put("droplet-id", DROPLETS.get(node).toString());
        params.put("poll-interval", "50ms");
        params.put("request-timeout", "2s");
        return FloatingIpArbiter.create(new AgentParams("fip", "digitalocean-floating-ip", params), Map.of(), TIMINGS);
    }

    private static URI closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return URI.create("http://127.0.0.1:" + s.getLocalPort());
        }
    }

    private static String other(String n) {
        return n.equals("a") ? "b" : "a";
    }
}
