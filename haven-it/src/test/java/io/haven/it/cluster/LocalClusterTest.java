package io.haven.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haven.it.support.Greeting;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.NamedServers;
import io.haven.it.support.Net;
import io.haven.it.support.StatsSocketClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three Haven nodes on 127.0.0.1 with one shared configuration (each picks its name from the
 * environment): quorum, a leader, one resource placed on exactly one node, moved by the operator,
 * recovered when the node running it is killed. The resource is a real process ({@code sleep});
 * a {@code haven-proxy} resource colocated with it binds the frontend {@code fe} only where it
 * runs (all nodes share one address, so a second bind would fail), and each node's backend
 * answers that node's name.
 */
class LocalClusterTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration CHANGE = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static Path config;
    static final Map<String, HavenProcess> nodes = new LinkedHashMap<>();
    static NamedServers backends;
    static int frontendPort;

    @BeforeAll
    static void start() throws Exception {
        List<String> members = new ArrayList<>();
        for (String n : List.of("n1", "n2", "n3")) {
            members.add("    member " + n + " 127.0.0.1:" + clusterPort());
        }
        backends = new NamedServers("n1", "n2", "n3");
        frontendPort = Net.freePort();
        config = dir.resolve("cluster.cfg");
        Files.writeString(config, """
                global
                    node ${NODE}
                    stats socket %1$s/${NODE}.sock level admin
                defaults
                    mode tcp
                    timeout connect 2s
                    timeout client 5s
                    timeout server 5s
                frontend fe
                    bind 127.0.0.1:%3$d
                    default_backend be
                backend be
                    server own 127.0.0.1:${BACKEND}
                cluster local
                %2$s
                    state-dir %1$s/state
                    colocation web-with-job inf web job
                    order job-then-web job web
                resource job
                    type process
                    param command "sleep 600"
                    op monitor interval 300ms timeout 5s
                resource web
                    type haven-proxy
                    param frontend fe
                    op monitor interval 300ms timeout 5s
                """.formatted(dir, String.join("\n", members), frontendPort));
        for (String n : List.of("n1", "n2", "n3")) {
            nodes.put(n, launch(n));
        }
    }

    /** A free port whose FD_SOCK2 neighbour (port + 100) is free too. */
    private static int clusterPort() throws Exception {
        for (int i = 0; i < 50; i++) {
            int p = Net.freePort();
            if (p + 105 < 65536 && !Net.listening(p + 100)) {
                return p;
            }
        }
        throw new IllegalStateException("no free port pair");
    }

    private static HavenProcess launch(String node) throws Exception {
        Files.deleteIfExists(socket(node)); // a killed node leaves its socket file behind
        int backend = backends.port(Integer.parseInt(node.substring(1)) - 1);
        HavenProcess p = HavenProcess.launch(dir, Map.of("NODE", node, "BACKEND", Integer.toString(backend)),
                "-f", config.toString());
        await(node + " socket").atMost(CHANGE).until(() -> {
            if (!p.isAlive()) {
                throw new IllegalStateException(node + " exited:\n" + p.stderr());
            }
            return Files.exists(socket(node));
        });
        return p;
    }

    @AfterAll
    static void stop() throws Exception {
        for (HavenProcess p : nodes.values()) {
            killOrphans(p);
            p.close();
        }
        if (backends != null) {
            backends.close();
        }
    }

    /** Waits until the frontend answers, through the backend of {@code node}: only that node listens. */
    static void awaitServedBy(String node) {
        await("frontend served by " + node).atMost(CHANGE).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> node.equals(Greeting.ask(frontendPort)));
    }

    /** The resource's {@code sleep} stays when its Haven is killed: end it by PID. */
    private static void killOrphans(HavenProcess p) {
        p.process().descendants().forEach(ProcessHandle::destroyForcibly);
    }

    static Path socket(String node) {
        return dir.resolve(node + ".sock");
    }

    static JsonNode status(String node) throws Exception {
        return JSON.readTree(StatsSocketClient.exchange(socket(node).toString(), "show cluster json"));
    }

    static List<String> runningOn(JsonNode status, String resource) {
        List<String> out = new ArrayList<>();
        for (JsonNode r : status.get("resources")) {
            if (r.get("name").asText().equals(resource)) {
                r.get("running_on").forEach(n -> out.add(n.asText()));
            }
        }
        return out;
    }

    /** Waits until every live node reports the job on exactly one node, the same one, and returns it. */
    static String awaitJobOnOneNode() {
        return awaitJobOnOneNode(n -> true);
    }

    static String awaitJobOnOneNode(java.util.function.Predicate<String> acceptable) {
        String[] where = new String[1];
        await("job placed once, seen alike by every node").atMost(CHANGE).pollInterval(Duration.ofMillis(100)).until(() -> {
            String seen = null;
            for (var e : nodes.entrySet()) {
                if (!e.getValue().isAlive()) {
                    continue;
                }
                JsonNode s = status(e.getKey());
                List<String> on = runningOn(s, "job");
                if (!s.get("quorum").asBoolean() || on.size() != 1 || (seen != null && !seen.equals(on.get(0)))) {
                    return false;
                }
                seen = on.get(0);
            }
            where[0] = seen;
            return seen != null && acceptable.test(seen);
        });
        return where[0];
    }

    static boolean runsSleep(String node) {
        return nodes.get(node).process().descendants().anyMatch(h -> h.isAlive()
                && h.info().commandLine().map(c -> c.contains("sleep 600")).orElse(false));
    }

    @Test
    void theClusterRunsTheJobOnceMovesItOnRequestAndRecoversItFromAKilledNode() throws Exception {
        String first = awaitJobOnOneNode();
        awaitServedBy(first);
        JsonNode s = status(first);
        assertThat(s.get("leader").asText()).isIn("n1", "n2", "n3");
        assertThat(runsSleep(first)).isTrue();
        assertThat(nodes.keySet().stream().filter(n -> !n.equals(first)).anyMatch(LocalClusterTest::runsSleep)).isFalse();
        String text = StatsSocketClient.exchange(socket(first).toString(), "show cluster");
        assertThat(text).contains("partition with quorum").contains("Online: [ n1 n2 n3 ]").contains("job\t(process):\t Started " + first);

        // the operator moves it, with the CLI, as crm_resource --move does
        String target = first.equals("n2") ? "n3" : "n2";
        HavenProcess.Result moved = HavenProcess.run(dir, "cluster", "move", "-S", socket(first).toString(), "job", target);
        assertThat(moved.exitCode()).as(moved.stderr()).isZero();
        awaitJobOnOneNode(target::equals);
        await("old process stopped").atMost(CHANGE).until(() -> !runsSleep(first));
        assertThat(runsSleep(target)).isTrue();
        awaitServedBy(target); // the frontend moved with it: unbound on first, bound on target
        assertThat(HavenProcess.run(dir, "cluster", "clear", "-S", socket(first).toString(), "job").exitCode()).isZero();

        // kill -9 the node running it: the others recover it
        HavenProcess victim = nodes.get(target);
        killOrphans(victim);
        long t0 = System.nanoTime();
        victim.signal("KILL");
        victim.awaitExit(Duration.ofSeconds(10));
        String next = awaitJobOnOneNode(n -> !n.equals(target));
        System.out.printf("job recovered on %s %d ms after kill -9 of %s%n", next, (System.nanoTime() - t0) / 1_000_000, target);
        assertThat(next).isNotEqualTo(target);
        assertThat(runsSleep(next)).isTrue();
        awaitServedBy(next);

        // the killed node comes back: it joins, and the job stays where it is
        nodes.put(target, launch(target));
        await("back online").atMost(CHANGE).ignoreExceptions().until(() -> status(target).get("nodes").findValues("online").stream()
                .allMatch(JsonNode::asBoolean));
        assertThat(awaitJobOnOneNode()).isEqualTo(next);
    }

    private static HavenProcess.Result cli(String... args) throws Exception {
        String alive = nodes.entrySet().stream().filter(e -> e.getValue().isAlive()).findFirst().orElseThrow().getKey();
        List<String> all = new ArrayList<>(List.of("cluster", args[0], "-S", socket(alive).toString()));
        all.addAll(List.of(args).subList(1, args.length));
        HavenProcess.Result r = HavenProcess.run(dir, all.toArray(String[]::new));
        assertThat(r.exitCode()).as(String.join(" ", all) + ": " + r.stderr()).isZero();
        return r;
    }

    private static void killJob(String node) {
        nodes.get(node).process().descendants().filter(h -> h.info().commandLine().map(c -> c.contains("sleep 600")).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
    }

    private static int failCount(String node) throws Exception {
        for (JsonNode r : status("n1").get("resources")) {
            if (r.get("name").asText().equals("job")) {
                JsonNode c = r.get("fail_counts").get(node);
                return c == null ? 0 : c.asInt();
            }
        }
        return 0;
    }

    @Test
    void standbyFailuresCleanupAndMaintenanceActAsInPacemaker() throws Exception {
        String where = awaitJobOnOneNode();
        // standby empties the node and keeps it empty
        cli("standby", where);
        String moved = awaitJobOnOneNode(n -> !n.equals(where));
        await("old copy stopped").atMost(CHANGE).until(() -> !runsSleep(where));
        assertThat(StatsSocketClient.exchange(socket(moved).toString(), "show cluster")).contains("Node " + where + ": standby");
        cli("unstandby", where);
        assertThat(awaitJobOnOneNode()).as("it stays where it runs").isEqualTo(moved);

        // a monitor finds it gone: restarted in place (on-fail restart), one failure counted
        killJob(moved);
        try {
            await("restarted in place").atMost(CHANGE).ignoreExceptions()
                    .until(() -> failCount(moved) == 1 && runsSleep(moved) && awaitJobOnOneNode().equals(moved));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.out.println(status("n1").toPrettyString() + "\nrunsSleep " + runsSleep(moved) + "\n" + nodes.get(moved).stderr());
            throw e;
        }
        assertThat(StatsSocketClient.exchange(socket(moved).toString(), "show cluster")).contains("Migration Summary:")
                .contains("Node " + moved + ": job: fail-count=1 last-failure=");
        cli("cleanup", "job");
        await("failures forgotten").atMost(CHANGE).ignoreExceptions().until(() -> failCount(moved) == 0);

        // maintenance: the cluster leaves the job alone, even when it dies; managed again afterwards
        cli("maintenance", "on");
        await().atMost(CHANGE).ignoreExceptions().until(() -> status("n1").get("maintenance").asBoolean());
        killJob(moved);
        await("not restarted during maintenance").during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> nodes.keySet().stream().noneMatch(LocalClusterTest::runsSleep));
        cli("maintenance", "off");
        await("managed again").atMost(CHANGE).until(() -> nodes.keySet().stream().anyMatch(LocalClusterTest::runsSleep));
        awaitJobOnOneNode();
    }

    @Test
    void aBadCommandIsRefusedWithAReason() throws Exception {
        HavenProcess.Result r = HavenProcess.run(dir, "cluster", "standby", "-S", socket("n1").toString(), "n9");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("Error:").contains("n9");
    }
}
