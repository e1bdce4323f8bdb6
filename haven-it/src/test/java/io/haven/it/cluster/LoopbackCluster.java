package io.haven.it.cluster;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import io.haven.it.support.StatsSocketClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Haven nodes {@code n1}, {@code n2}, {@code n3} on 127.0.0.1 with one shared configuration (each
 * picks its name from the environment), and the {@code job} resource: a real {@code sleep 600}
 * process. The test adds its own cluster lines, sections and per-node environment. Nodes are
 * started and killed by PID; {@link #close()} ends them and what they started.
 */
final class LoopbackCluster implements AutoCloseable {
    static final List<String> NAMES = List.of("n1", "n2", "n3");
    static final Duration CHANGE = Duration.ofSeconds(20);
    private static final ObjectMapper JSON = new ObjectMapper();

    final Path dir;
    final Path config;
    final Map<String, HavenProcess> nodes = new LinkedHashMap<>();
    private final Function<String, Map<String, String>> env;

    /**
     * @param clusterLines extra lines of the {@code cluster} section (indented)
     * @param sections     text after the {@code job} resource: indented lines first belong to it
     *                     (e.g. {@code on-fail move}), then any sections
     * @param env          extra environment of each node, by name
     */
    LoopbackCluster(Path dir, String clusterLines, String sections, Function<String, Map<String, String>> env)
            throws Exception {
        this.dir = dir;
        this.env = env;
        List<String> members = new ArrayList<>();
        for (String n : NAMES) {
            members.add("    member " + n + " 127.0.0.1:" + clusterPort());
        }
        config = dir.resolve("cluster.cfg");
        Files.writeString(config, """
                global
                    node ${NODE}
                    stats socket %1$s/${NODE}.sock level admin
                cluster local
                %2$s
                    state-dir %1$s/state
                %3$s
                resource job
                    type process
                    param command "sleep 600"
                    op monitor interval 300ms timeout 5s
                %4$s
                """.formatted(dir, String.join("\n", members), clusterLines, sections));
    }

    /** Starts every node. */
    LoopbackCluster startAll() throws Exception {
        for (String n : NAMES) {
            launch(n);
        }
        return this;
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

    /** Starts (or restarts) a node and waits for its stats socket. */
    HavenProcess launch(String node) throws Exception {
        Files.deleteIfExists(socket(node)); // a killed node leaves its socket file behind
        Map<String, String> e = new HashMap<>(env.apply(node));
        e.put("NODE", node);
        HavenProcess p = HavenProcess.launch(dir, e, "-f", config.toString());
        nodes.put(node, p);
        await(node + " socket").atMost(CHANGE).until(() -> {
            if (!p.isAlive()) {
                throw new IllegalStateException(node + " exited:\n" + p.stderr());
            }
            return Files.exists(socket(node));
        });
        return p;
    }

    /** Kills a node with SIGKILL, and the job it ran (a killed Haven leaves its children behind). */
    void kill(String node) throws Exception {
        HavenProcess victim = nodes.get(node);
        victim.process().descendants().forEach(ProcessHandle::destroyForcibly);
        victim.signal("KILL");
        victim.awaitExit(Duration.ofSeconds(10));
    }

    Path socket(String node) {
        return dir.resolve(node + ".sock");
    }

    JsonNode status(String node) throws Exception {
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
    String awaitJobOnOneNode() {
        return awaitJobOnOneNode(n -> true);
    }

    String awaitJobOnOneNode(Predicate<String> acceptable) {
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

    /** The job's failure count on {@code node}, as a live node reports it. */
    int failCount(String node) throws Exception {
        String alive = nodes.entrySet().stream().filter(e -> e.getValue().isAlive()).findFirst().orElseThrow().getKey();
        for (JsonNode r : status(alive).get("resources")) {
            if (r.get("name").asText().equals("job")) {
                JsonNode count = r.get("fail_counts").get(node);
                return count == null ? 0 : count.asInt();
            }
        }
        return 0;
    }

    /** Whether the node's Haven has the job's {@code sleep} running as its child. */
    boolean runsSleep(String node) {
        return nodes.get(node).process().descendants().anyMatch(h -> h.isAlive()
                && h.info().commandLine().map(c -> c.contains("sleep 600")).orElse(false));
    }

    /** Kills the job's process under the node's Haven, as a failure the monitor finds. */
    void killJob(String node) {
        nodes.get(node).process().descendants().filter(h -> h.info().commandLine().map(c -> c.contains("sleep 600")).orElse(false))
                .forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public void close() throws Exception {
        for (HavenProcess p : nodes.values()) {
            p.process().descendants().forEach(ProcessHandle::destroyForcibly); // the job's sleep outlives a killed Haven
            p.close();
        }
    }
}
