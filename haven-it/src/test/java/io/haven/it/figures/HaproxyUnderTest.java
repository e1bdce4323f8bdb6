package io.haven.it.figures;

import static org.awaitility.Awaitility.await;

import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import io.haven.it.support.ReplicaSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * GitHub's design: Debian's HAProxy ({@code haproxy -f cfg -db}) in {@code mode tcp} in front
 * of the replicas, checking {@code GET /check-lag} with {@code http-check disable-on-404}
 * against one {@code haven agent} per replica ({@code --max-lag 1s}, lag from the same
 * pt-heartbeat table Haven reads). HAProxy keeps its defaults for everything GitHub's published
 * configuration does not set ({@code retries 3}, no {@code option redispatch}).
 */
final class HaproxyUnderTest implements ProxyUnderTest {
    /** How often each agent measures its replica: as often as Haven's own check, so the agents add no staleness of their own. */
    static final String AGENT_INTERVAL = "100ms";

    private final String name;
    private final String inter;
    private final boolean redispatch;
    private final Process haproxy;
    private final List<HavenProcess> agents;
    private final Path config;
    private final Path log;
    private final Path socket;
    private final int port;

    private HaproxyUnderTest(String name, String inter, boolean redispatch, Process haproxy, List<HavenProcess> agents, Path config,
            Path log, Path socket, int port) {
        this.name = name;
        this.inter = inter;
        this.redispatch = redispatch;
        this.haproxy = haproxy;
        this.agents = agents;
        this.config = config;
        this.log = log;
        this.socket = socket;
        this.port = port;
    }

    /**
     * Starts three agents, then HAProxy checking them every {@code inter} ({@code downinter} the
     * same, {@code fall 2 rise 1} as GitHub), with {@code retries 3} and {@code option redispatch}
     * if {@code redispatch} (GitHub's published configuration has neither line). Stops whatever
     * it started if something fails.
     */
    static HaproxyUnderTest start(String name, String binary, String inter, boolean redispatch, Path dir, ReplicaSet set)
            throws Exception {
        Files.createDirectories(dir);
        Path password = Files.writeString(dir.resolve("agent.pw"), ReplicaSet.HAVEN_PASSWORD + "\n");
        List<HavenProcess> agents = new ArrayList<>();
        Process haproxy = null;
        try {
            int[] agentPorts = new int[4];
            for (int i = 1; i <= 3; i++) {
                agentPorts[i] = Net.freePort();
                agents.add(HavenProcess.launch(dir, "agent", "--listen", "127.0.0.1:" + agentPorts[i],
                        "--mysql", "127.0.0.1:" + set.replicaPort(i), "--user", ReplicaSet.HAVEN_USER,
                        "--password-file", password.toString(), "--max-lag", "1s",
                        "--heartbeat", ReplicaSet.HEARTBEAT_TABLE, "--interval", AGENT_INTERVAL));
            }
            for (int i = 1; i <= 3; i++) {
                agents.get(i - 1).awaitPorts(agentPorts[i]);
            }
            int port = Net.freePort();
            Path socket = dir.resolve("haproxy.sock");
            Path cfg = dir.resolve("haproxy.cfg");
            Files.writeString(cfg, """
                    global
                        stats socket %1$s level admin
                        log stdout format raw local0
                    defaults
                        mode tcp
                        log global
                        option tcplog
                        timeout connect 1s
                        timeout client 30s
                        timeout server 30s
                    listen mysql_ro
                        bind 127.0.0.1:%2$d
                        balance roundrobin
                        option httpchk GET /check-lag
                        http-check disable-on-404
                    %10$s    default-server fall 2 inter %3$s rise 1 downinter %3$s on-marked-down shutdown-sessions
                        server r1 127.0.0.1:%4$d check port %5$d
                        server r2 127.0.0.1:%6$d check port %7$d
                        server r3 127.0.0.1:%8$d check port %9$d
                    """.formatted(socket, port, inter, set.replicaPort(1), agentPorts[1], set.replicaPort(2),
                    agentPorts[2], set.replicaPort(3), agentPorts[3],
                    redispatch ? "    retries 3\n    option redispatch\n" : ""));
            Path log = dir.resolve("haproxy.log");
            haproxy = new ProcessBuilder(binary, "-f", cfg.toString(), "-db")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            Process started = haproxy;
            await("haproxy listening on " + port).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!started.isAlive()) {
                            throw new IllegalStateException("haproxy exited with " + started.exitValue() + ":\n"
                                    + Files.readString(log));
                        }
                        return Net.listening(port) && Files.exists(socket);
                    });
            return new HaproxyUnderTest(name, inter, redispatch, haproxy, agents, cfg, log, socket, port);
        } catch (Exception | Error e) {
            if (haproxy != null) {
                stop(haproxy);
            }
            for (HavenProcess a : agents) {
                a.close();
            }
            throw e;
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String setup() {
        return "HAProxy " + name + ": option httpchk GET /check-lag; http-check disable-on-404; default-server fall 2 inter "
                + inter + " rise 1 downinter " + inter + (redispatch ? "; retries 3; option redispatch;"
                        : "; haproxy defaults retries 3, no redispatch;")
                + " 3 x haven agent --max-lag 1s --heartbeat " + ReplicaSet.HEARTBEAT_TABLE + " --interval " + AGENT_INTERVAL;
    }

    /** {@code inter} as HAProxy reads it: a bare number is milliseconds. */
    @Override
    public Duration checkInterval() {
        return Duration.ofMillis(Long.parseLong(inter.replace("ms", "")));
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Path statsSocket() {
        return socket;
    }

    @Override
    public void saveLogs(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.copy(config, dir.resolve("haproxy.cfg"), StandardCopyOption.REPLACE_EXISTING);
        Files.copy(log, dir.resolve("haproxy.log"), StandardCopyOption.REPLACE_EXISTING);
        for (int i = 0; i < agents.size(); i++) {
            Files.writeString(dir.resolve("agent-r" + (i + 1) + ".log"), agents.get(i).stderr() + agents.get(i).stdout());
        }
    }

    @Override
    public void close() throws InterruptedException {
        try {
            stop(haproxy);
        } finally {
            for (HavenProcess a : agents) {
                a.close();
            }
        }
    }

    /** SIGTERM by PID, SIGKILL after 10 s. */
    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
