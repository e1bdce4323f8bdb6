package io.haven.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.Lan;
import io.haven.it.support.LanHost;
import io.haven.it.support.StatsSocketClient;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Haven processes without a witness ({@code quorum two_node arbiter digitalocean-floating-ip fip})
 * in network namespaces, and the DigitalOcean emulator on a third host as the provider. When the
 * link between the two is cut (each still reaches the API), only the node DigitalOcean gives the IP
 * to keeps quorum and runs the IP; when the holder's host drops off the network altogether, its
 * peer takes the IP. After healing the pair is one cluster again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FloatingIpPairTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CHANGE = Duration.ofSeconds(40);
    private static final String IP = "45.55.96.47";
    private static final String TOKEN = "dop_v1_pairTestToken";
    private static final Map<String, Long> DROPLETS = Map.of("lb1", 101L, "lb2", 102L);

    @TempDir
    static Path dir;
    static Lan lan;
    static final Map<String, LanHost> hosts = new LinkedHashMap<>();
    static final Map<String, HavenProcess> nodes = new LinkedHashMap<>();
    static String api;
    static LanHost cloudHost;

    @BeforeAll
    static void start() throws Exception {
        lan = Lan.create();
        hosts.put("lb1", lan.host("lb1", 1));
        hosts.put("lb2", lan.host("lb2", 2));
        LanHost cloud = lan.host("cloud", 8);
        cloudHost = cloud;
        api = "http://" + cloud.address() + ":8080";
        startEmulator(cloud);
        Path token = dir.resolve("do.token");
        Files.writeString(token, TOKEN);
        Path config = dir.resolve("pair.cfg");
        Files.writeString(config, """
                global
                    node ${NODE}
                    stats socket %1$s/${NODE}.sock level admin
                cluster pair
                    member lb1 %2$s:7946
                    member lb2 %3$s:7946
                    quorum two_node arbiter digitalocean-floating-ip fip timeout 20s
                    state-dir %1$s/state
                resource fip
                    type digitalocean-floating-ip
                    param ip %4$s
                    param token-file %5$s
                    param api-url %6$s
                    param metadata-url %6$s
                    param poll-interval 100ms
                    op monitor interval 1s timeout 10s
                """.formatted(dir, lan.address(1), lan.address(2), IP, token, api));
        for (String n : List.of("lb1", "lb2")) {
            Files.deleteIfExists(socket(n));
            HavenProcess p = HavenProcess.launchOn(hosts.get(n), dir, Map.of("NODE", n), "-f", config.toString());
            nodes.put(n, p);
            await(n + " up").atMost(CHANGE).until(() -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException(n + " exited:\n" + p.stderr());
                }
                return Files.exists(socket(n));
            });
        }
    }

    /** The emulator's own process on the cloud host; its classes come from haven-cluster's test build. */
    private static void startEmulator(LanHost cloud) throws Exception {
        Path classes = Path.of("..", "haven-cluster", "target", "test-classes").toAbsolutePath().normalize();
        assertThat(classes.resolve("io/haven/cluster/digitalocean/DigitalOceanEmulator.class"))
                .as("build haven-cluster's tests first (mvn install -pl haven-it -am)").exists();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        cloud.start(ProcessBuilder.Redirect.to(dir.resolve("emulator.out").toFile()), java, "-Xmx128m", "-cp",
                System.getProperty("java.class.path") + File.pathSeparator + classes,
                "io.haven.cluster.digitalocean.DigitalOceanEmulator", cloud.address(), "8080", "--token", TOKEN,
                "--droplet", "101:lb1", "--droplet", "102:lb2", "--ip", IP,
                "--metadata", lan.address(1) + "=101", "--metadata", lan.address(2) + "=102");
        await("emulator up").atMost(CHANGE).ignoreExceptions().until(() -> fip() != null);
    }

    @AfterAll
    static void stop() {
        // what each node's arbiter and quorum said, for the test's output
        nodes.forEach((n, p) -> p.stderr().lines().filter(l -> l.contains("two_node"))
                .forEach(l -> System.out.println(n + " " + l)));
        if (lan != null) {
            lan.close(); // kills every process in the namespaces: both Havens and the emulator
        }
    }

    @Test
    @Order(1)
    void aCutLinkLeavesOnlyTheNodeThatGotTheIpRunningAndHealingReunitesThePair() throws Exception {
        String before = runningOnlyOn();
        lan.cut(hosts.get("lb1"), hosts.get("lb2"));
        String winner;
        try {
            await("both nodes heard their arbiter").atMost(CHANGE).ignoreExceptions().until(() ->
                    arbitrated(status("lb1")) && arbitrated(status("lb2")));
            JsonNode ip = await("the IP settled").atMost(CHANGE).ignoreExceptions().until(FloatingIpPairTest::fip,
                    f -> !f.get("locked").asBoolean() && !f.get("droplet").isNull());
            winner = ip.get("droplet").get("id").asLong() == DROPLETS.get("lb1") ? "lb1" : "lb2";
            String loser = winner.equals("lb1") ? "lb2" : "lb1";
            assertThat(status(winner).get("quorum").asBoolean()).as(FloatingIpPairTest::diagnosis).isTrue();
            assertThat(status(loser).get("quorum").asBoolean()).as(FloatingIpPairTest::diagnosis).isFalse();
            await("the winner runs the IP").atMost(CHANGE).ignoreExceptions().until(() ->
                    runningOn(status(winner)).equals(List.of(winner))
                            && fip().get("droplet").get("id").asLong() == DROPLETS.get(winner));
            assertThat(status(loser).get("quorum").asBoolean()).isFalse();
            System.out.printf("cut: %s held the IP before, %s won it%n", before, winner);
        } catch (AssertionError | RuntimeException e) {
            System.err.println(diagnosis());
            throw e;
        } finally {
            lan.heal(hosts.get("lb1"), hosts.get("lb2"));
        }
        await("one cluster again").atMost(CHANGE).ignoreExceptions().until(() -> {
            JsonNode a = status("lb1");
            JsonNode b = status("lb2");
            return a.get("quorum").asBoolean() && b.get("quorum").asBoolean() && !a.get("leader").isNull()
                    && a.get("leader").equals(b.get("leader")) && a.get("revision").equals(b.get("revision"))
                    && a.get("resources").equals(b.get("resources"));
        });
        String after = runningOnlyOn();
        assertThat(fip().get("droplet").get("id").asLong()).isEqualTo(DROPLETS.get(after));
    }

    @Test
    @Order(2)
    void whenTheHoldersHostDropsOffTheNetworkThePeerTakesTheIp() throws Exception {
        String holder = runningOnlyOn();
        String peer = holder.equals("lb1") ? "lb2" : "lb1";
        // a node that does not hold the IP yields to an assign of the last 10 s: let the last one age
        await("the last assign is older than 10 s").atMost(CHANGE).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> lastAssignAge().compareTo(Duration.ofSeconds(11)) > 0);
        lan.cut(hosts.get(holder), hosts.get(peer));
        lan.cut(hosts.get(holder), cloudHost);
        try {
            await("the peer runs the IP").atMost(CHANGE).ignoreExceptions().until(() ->
                    status(peer).get("quorum").asBoolean() && runningOn(status(peer)).equals(List.of(peer))
                            && fip().get("droplet").get("id").asLong() == DROPLETS.get(peer));
            await("the holder's arbiter gave up").atMost(CHANGE).ignoreExceptions().until(() ->
                    status(holder).get("quorum_reason").asText().contains("the arbiter denies"));
            assertThat(status(holder).get("quorum").asBoolean()).isFalse();
        } catch (AssertionError | RuntimeException e) {
            System.err.println(diagnosis());
            throw e;
        } finally {
            lan.heal(hosts.get(holder), cloudHost);
            lan.heal(hosts.get(holder), hosts.get(peer));
        }
        await("one cluster again").atMost(CHANGE).ignoreExceptions().until(() ->
                status("lb1").get("quorum").asBoolean() && status("lb2").get("quorum").asBoolean()
                        && status("lb1").get("revision").equals(status("lb2").get("revision")));
        assertThat(runningOnlyOn()).isEqualTo(peer);
    }

    /** How long ago the newest assign on the IP completed, as the API says. */
    private static Duration lastAssignAge() throws Exception {
        String body = cloudHost.run("curl", "-s", "-m", "2", "-H", "Authorization: Bearer " + TOKEN,
                api + "/v2/floating_ips/" + IP + "/actions?per_page=200");
        Instant newest = Instant.EPOCH;
        for (JsonNode a : JSON.readTree(body).get("actions")) {
            if (a.get("type").asText().equals("assign_ip") && !a.get("completed_at").isNull()) {
                Instant at = Instant.parse(a.get("completed_at").asText());
                newest = at.isAfter(newest) ? at : newest;
            }
        }
        return Duration.between(newest, Instant.now());
    }

    /** True once the node's arbiter answered (not while it is still being asked). */
    private static boolean arbitrated(JsonNode status) {
        String reason = status.get("quorum_reason").asText();
        return reason.contains("the arbiter lets") || reason.contains("the arbiter denies");
    }

    /** Waits until both nodes see the IP running on exactly one node and the API agrees; returns that node. */
    private static String runningOnlyOn() {
        String[] who = new String[1];
        await("the IP runs on one node").atMost(CHANGE).ignoreExceptions().until(() -> {
            List<String> on = runningOn(status("lb1"));
            JsonNode f = fip();
            if (on.size() != 1 || !on.equals(runningOn(status("lb2"))) || f.get("droplet").isNull()) {
                return false;
            }
            who[0] = on.get(0);
            return f.get("droplet").get("id").asLong() == DROPLETS.get(who[0]);
        });
        return who[0];
    }

    /** The floating IP as the API shows it, asked on the provider's own host (a node's may be cut off). */
    static JsonNode fip() throws Exception {
        String body = cloudHost.run("curl", "-s", "-m", "2", "-H", "Authorization: Bearer " + TOKEN,
                api + "/v2/floating_ips/" + IP);
        return JSON.readTree(body).get("floating_ip");
    }

    static Path socket(String node) {
        return dir.resolve(node + ".sock");
    }

    static JsonNode status(String node) throws IOException {
        return JSON.readTree(StatsSocketClient.exchange(socket(node).toString(), "show cluster json"));
    }

    static List<String> runningOn(JsonNode status) {
        return LoopbackCluster.runningOn(status, "fip");
    }

    private static String diagnosis() {
        return NodeReports.of(nodes, FloatingIpPairTest::socket);
    }
}
