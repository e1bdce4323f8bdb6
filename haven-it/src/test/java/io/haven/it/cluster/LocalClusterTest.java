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
    private static final Duration CHANGE = LoopbackCluster.CHANGE;

    @TempDir
    static Path dir;
    static LoopbackCluster cluster;
    static NamedServers backends;
    static int frontendPort;

    @BeforeAll
    static void start() throws Exception {
        backends = new NamedServers("n1", "n2", "n3");
        frontendPort = Net.freePort();
        cluster = new LoopbackCluster(dir, """
                    colocation web-with-job inf web job
                    order job-then-web job web
                """, """
                resource web
                    type haven-proxy
                    param frontend fe
                    op monitor interval 300ms timeout 5s
                defaults
                    mode tcp
                    timeout connect 2s
                    timeout client 5s
                    timeout server 5s
                frontend fe
                    bind 127.0.0.1:%d
                    default_backend be
                backend be
                    server own 127.0.0.1:${BACKEND}
                """.formatted(frontendPort),
                node -> Map.of("BACKEND", Integer.toString(backends.port(LoopbackCluster.NAMES.indexOf(node)))));
        cluster.startAll();
    }

    @AfterAll
    static void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
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

    static Path socket(String node) {
        return cluster.socket(node);
    }

    static JsonNode status(String node) throws Exception {
        return cluster.status(node);
    }

    static String awaitJobOnOneNode() {
        return cluster.awaitJobOnOneNode();
    }

    static String awaitJobOnOneNode(java.util.function.Predicate<String> acceptable) {
        return cluster.awaitJobOnOneNode(acceptable);
    }

    static boolean runsSleep(String node) {
        return cluster.runsSleep(node);
    }

    @Test
    void theClusterRunsTheJobOnceMovesItOnRequestAndRecoversItFromAKilledNode() throws Exception {
        String first = awaitJobOnOneNode();
        awaitServedBy(first);
        JsonNode s = status(first);
        assertThat(s.get("leader").asText()).isIn("n1", "n2", "n3");
        assertThat(runsSleep(first)).isTrue();
        assertThat(LoopbackCluster.NAMES.stream().filter(n -> !n.equals(first)).anyMatch(cluster::runsSleep)).isFalse();
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
        long t0 = System.nanoTime();
        cluster.kill(target);
        String next = awaitJobOnOneNode(n -> !n.equals(target));
        System.out.printf("job recovered on %s %d ms after kill -9 of %s%n", next, (System.nanoTime() - t0) / 1_000_000, target);
        assertThat(next).isNotEqualTo(target);
        assertThat(runsSleep(next)).isTrue();
        awaitServedBy(next);

        // the killed node comes back: it joins, and the job stays where it is
        cluster.launch(target);
        await("back online").atMost(CHANGE).ignoreExceptions().until(() -> status(target).get("nodes").findValues("online").stream()
                .allMatch(JsonNode::asBoolean));
        assertThat(awaitJobOnOneNode()).isEqualTo(next);
    }

    private static HavenProcess.Result cli(String... args) throws Exception {
        String alive = cluster.nodes.entrySet().stream().filter(e -> e.getValue().isAlive()).findFirst().orElseThrow().getKey();
        List<String> all = new ArrayList<>(List.of("cluster", args[0], "-S", socket(alive).toString()));
        all.addAll(List.of(args).subList(1, args.length));
        HavenProcess.Result r = HavenProcess.run(dir, all.toArray(String[]::new));
        assertThat(r.exitCode()).as(String.join(" ", all) + ": " + r.stderr()).isZero();
        return r;
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
        cluster.killJob(moved);
        try {
            await("restarted in place").atMost(CHANGE).ignoreExceptions()
                    .until(() -> cluster.failCount(moved) == 1 && runsSleep(moved) && awaitJobOnOneNode().equals(moved));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.out.println(status("n1").toPrettyString() + "\nrunsSleep " + runsSleep(moved) + "\n" + cluster.nodes.get(moved).stderr());
            throw e;
        }
        assertThat(StatsSocketClient.exchange(socket(moved).toString(), "show cluster")).contains("Migration Summary:")
                .contains("Node " + moved + ": job: fail-count=1 last-failure=");
        cli("cleanup", "job");
        await("failures forgotten").atMost(CHANGE).ignoreExceptions().until(() -> cluster.failCount(moved) == 0);

        // maintenance: the cluster leaves the job alone, even when it dies; managed again afterwards
        cli("maintenance", "on");
        await().atMost(CHANGE).ignoreExceptions().until(() -> status("n1").get("maintenance").asBoolean());
        cluster.killJob(moved);
        await("not restarted during maintenance").during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(5))
                .until(() -> LoopbackCluster.NAMES.stream().noneMatch(cluster::runsSleep));
        cli("maintenance", "off");
        await("managed again").atMost(CHANGE).until(() -> LoopbackCluster.NAMES.stream().anyMatch(cluster::runsSleep));
        awaitJobOnOneNode();
    }

    @Test
    void aBadCommandIsRefusedWithAReason() throws Exception {
        HavenProcess.Result r = HavenProcess.run(dir, "cluster", "standby", "-S", socket("n1").toString(), "n9");
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("Error:").contains("n9");
    }
}
