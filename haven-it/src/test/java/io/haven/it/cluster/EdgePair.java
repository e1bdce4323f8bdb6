package io.haven.it.cluster;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.Lan;
import io.haven.it.support.LanHost;
import io.haven.it.support.StatsSocketClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The setup, for real: two Haven load balancers ({@code lb1}, {@code lb2}) and a witness
 * ({@code w}) in network namespaces on one segment, a client host, a floating address (the
 * {@code vip} agent) and nginx as a cluster resource on the node that holds it (colocated, started
 * first). Each nginx answers its node's name, so a client reading through the address sees who
 * serves it. Nodes are started, killed, frozen and stopped by PID; {@link #close()} ends every
 * process it started and removes the namespaces.
 */
public final class EdgePair implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final List<String> MEMBERS = List.of("lb1", "lb2");
    public static final Duration CHANGE = Duration.ofSeconds(30);

    public final Path dir;
    public final Lan lan;
    public final Map<String, LanHost> hosts = new LinkedHashMap<>();
    public final LanHost client;
    public final String vip;
    public final Path config;
    public final Map<String, HavenProcess> nodes = new LinkedHashMap<>();
    private final Map<String, Process> hostNginx = new LinkedHashMap<>();

    public EdgePair(Path dir) throws Exception {
        this(dir, false);
    }

    /**
     * With {@code ipOnly}, nginx runs on both members all the time, started with the hosts (as
     * keepalived setups run it), and the cluster moves only the address; otherwise nginx is a
     * cluster resource that the address is colocated with and ordered after.
     */
    public EdgePair(Path dir, boolean ipOnly) throws Exception {
        this.dir = dir;
        this.lan = Lan.create();
        try {
            hosts.put("lb1", lan.host("lb1", 1));
            hosts.put("lb2", lan.host("lb2", 2));
            hosts.put("w", lan.host("w", 3));
            client = lan.host("client", 9);
            vip = lan.address(100); // no host takes .100
            writeNginx();
            config = dir.resolve("edge.cfg");
            String web = ipOnly ? "" : """
                        colocation vip-with-web inf vip web
                        order web-then-vip web vip
                    resource web
                        type process
                        param command "/usr/sbin/nginx -c %1$s/nginx/nginx.conf -g 'daemon off; pid %1$s/nginx/nginx.pid;'"
                        param health-url http://127.0.0.1:80/
                        param log-file %1$s/nginx/out.log
                        op monitor interval 500ms timeout 5s
                    """;
            Files.writeString(config, ("""
                    global
                        node ${NODE}
                        stats socket %1$s/${NODE}.sock level admin
                    cluster edge
                        member lb1 %2$s:7946
                        member lb2 %3$s:7946
                        witness w %4$s:7946
                        state-dir %1$s/state
                    """ + web + """
                    resource vip
                        type vip
                        param ip %5$s/24
                        param interface eth0
                        op monitor interval 500ms timeout 5s
                    """).formatted(dir, lan.address(1), lan.address(2), lan.address(3), vip));
            if (ipOnly) {
                for (String m : MEMBERS) {
                    startHostNginx(m);
                }
            }
        } catch (Exception e) {
            lan.close();
            throw e;
        }
    }

    /**
     * One nginx configuration for both members, as a cluster resource has one definition: it answers
     * its host's name (each host has its own UTS namespace). Only one runs at a time, so they may
     * share the pid file and temp paths.
     */
    private void writeNginx() throws IOException {
        Path d = Files.createDirectories(dir.resolve("nginx"));
        Files.writeString(d.resolve("nginx.conf"), """
                error_log %1$s/error.log;
                worker_processes 1;
                events { worker_connections 256; }
                http {
                    %2$s
                    server {
                        listen 80;
                        location / { return 200 "$hostname\\n"; }
                    }
                }
                """.formatted(d, io.haven.it.support.Nginx.httpBasics(d)));
    }

    /** Starts a member ({@code haven -f}) or the witness ({@code haven witness -f}) in its namespace. */
    public HavenProcess start(String node) throws Exception {
        Path socket = socket(node);
        Files.deleteIfExists(socket);
        String[] args = node.equals("w") ? new String[] {"witness", "-f", config.toString()} : new String[] {"-f", config.toString()};
        HavenProcess p = HavenProcess.launchOn(hosts.get(node), dir, Map.of("NODE", node, "HAVEN_LOG_PREFIX", "%d{HH:mm:ss.SSS} "), args);
        nodes.put(node, p);
        if (!node.equals("w")) {
            await(node + " up").atMost(CHANGE).until(() -> {
                if (!p.isAlive()) {
                    throw new IllegalStateException(node + " exited:\n" + p.stderr());
                }
                return Files.exists(socket);
            });
        }
        return p;
    }

    public Path socket(String node) {
        return dir.resolve(node + ".sock");
    }

    public JsonNode status(String node) throws IOException {
        return JSON.readTree(StatsSocketClient.exchange(socket(node).toString(), "show cluster json"));
    }

    /** The members whose eth0 carries the floating address now. */
    public List<String> holders() throws Exception {
        List<String> out = new ArrayList<>();
        for (String n : MEMBERS) {
            if (hosts.get(n).run("ip", "-o", "-4", "addr", "show", "dev", "eth0").contains("inet " + vip + "/")) {
                out.add(n);
            }
        }
        return out;
    }

    /** Waits until the address and nginx are up on exactly one member, and the client reads that member's name. */
    public String awaitServedByOne() {
        return awaitServedBy(n -> true);
    }

    /** As {@link #awaitServedByOne()}, until the member serving is one that {@code acceptable} accepts. */
    public String awaitServedBy(java.util.function.Predicate<String> acceptable) {
        try {
            return servedByOne(acceptable);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            System.err.println(diagnosis());
            throw e;
        }
    }

    /** What each node says and logged, for a failed wait. */
    public String diagnosis() {
        StringBuilder out = new StringBuilder();
        try {
            out.append("holders: ").append(holders()).append('\n');
            out.append("client reads: ").append(client.run("curl", "-s", "-m", "1", "http://" + vip + "/")).append('\n');
        } catch (Exception e) {
            out.append("(").append(e.getMessage()).append(")\n");
        }
        try {
            out.append("nginx output: ").append(Files.readString(dir.resolve("nginx/out.log")));
            out.append("nginx errors: ").append(Files.readString(dir.resolve("nginx/error.log")));
        } catch (IOException x) {
            out.append("(no nginx logs)\n");
        }
        for (var e : nodes.entrySet()) {
            out.append("==== ").append(e.getKey()).append(" alive=").append(e.getValue().isAlive()).append('\n');
            try {
                out.append(StatsSocketClient.exchange(socket(e.getKey()).toString(), "show cluster"));
            } catch (IOException x) {
                out.append("(no status: ").append(x.getMessage()).append(")\n");
            }
            String err = e.getValue().stderr();
            out.append(err.length() > 6000 ? err.substring(err.length() - 6000) : err);
        }
        return out.toString();
    }

    private String servedByOne(java.util.function.Predicate<String> acceptable) {
        String[] who = new String[1];
        await("the address and nginx on exactly one member").atMost(CHANGE).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(() -> {
                    List<String> h = holders();
                    if (h.size() != 1) {
                        return false;
                    }
                    String answer = client.run("curl", "-s", "--max-time", "1", "http://" + vip + "/").strip();
                    who[0] = h.get(0);
                    return answer.equals(h.get(0)) && acceptable.test(who[0]);
                });
        return who[0];
    }

    public String other(String member) {
        return member.equals("lb1") ? "lb2" : "lb1";
    }

    /** Kills the member's Haven with SIGKILL and the nginx it had started (a crashed host runs nothing). */
    public void crash(String node) throws Exception {
        HavenProcess p = nodes.remove(node);
        List<ProcessHandle> children = p.process().descendants().toList();
        p.signal("KILL");
        children.forEach(ProcessHandle::destroyForcibly);
        p.awaitExit(Duration.ofSeconds(10));
    }

    private void startHostNginx(String member) throws IOException {
        hostNginx.put(member, hosts.get(member).start(ProcessBuilder.Redirect.DISCARD, "/usr/sbin/nginx", "-c",
                dir.resolve("nginx/nginx.conf").toString(), "-g", "daemon off; pid " + dir.resolve("nginx/" + member + ".pid") + ";"));
    }

    /**
     * A host that dies outright (power, kernel panic): its Haven and everything it runs are killed
     * and its link goes down, so nobody gets an answer, not even a refused connection.
     */
    public void powerOff(String node) throws Exception {
        hosts.get(node).run("ip", "link", "set", "eth0", "down");
        crash(node);
        Process nginx = hostNginx.remove(node);
        if (nginx != null) {
            nginx.descendants().forEach(ProcessHandle::destroyForcibly);
            nginx.destroyForcibly();
        }
    }

    /** Brings a powered-off host back: its link, its own nginx (ip-only layout); Haven is started by the caller. */
    public void powerOn(String node, boolean ipOnly) throws Exception {
        hosts.get(node).run("ip", "link", "set", "eth0", "up");
        if (ipOnly) {
            startHostNginx(node);
        }
    }

    /** A probe in the client host polling the address every {@code intervalMs} with HTTP. */
    public Process probe(Path output, int intervalMs, int maxSeconds) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return client.start(ProcessBuilder.Redirect.to(output.toFile()), java, "-cp", System.getProperty("java.class.path"),
                "io.haven.it.support.VipProbe", vip, "80", Integer.toString(intervalMs), Integer.toString(maxSeconds), "http");
    }

    @Override
    public void close() {
        for (HavenProcess p : nodes.values()) {
            List<ProcessHandle> children = p.process().descendants().toList();
            try {
                p.signal("KILL");
                p.awaitExit(Duration.ofSeconds(10));
            } catch (Exception e) {
                p.process().destroyForcibly();
            }
            children.forEach(ProcessHandle::destroyForcibly);
        }
        nodes.clear();
        for (Process p : hostNginx.values()) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        lan.close();
    }
}
