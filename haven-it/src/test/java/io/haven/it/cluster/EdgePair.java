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
 * {@code vip} agent) and nginx behind it, arranged as a {@link Layout} says. Each nginx answers its
 * node's name, so a client reading through the address sees who serves it. Nodes are started, killed, frozen and stopped by PID; {@link #close()} ends every
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
    /** The last stopped or killed process of each node, whose log a diagnosis still shows. */
    private final Map<String, HavenProcess> gone = new LinkedHashMap<>();
    private final Map<String, Process> hostNginx = new LinkedHashMap<>();

    /** What the cluster moves between the members. */
    public enum Layout {
        /** nginx runs on both members all the time (as keepalived setups run it); only the address moves. */
        IP_ONLY("ip-only"),
        /** nginx is a cluster resource; the address is colocated with it and ordered after it. */
        COLOCATED("colocated"),
        /**
         * nginx runs on both members on 127.0.0.1:8080; Haven's frontend on the address's port 80 is
         * a {@code haven-proxy} resource colocated with the address, so it listens only on the member
         * that holds the address (it binds with IP_FREEBIND, so it needs no ordering after it).
         */
        PROXY("haven-proxy");

        public final String label;

        Layout(String label) {
            this.label = label;
        }

        public static Layout of(String label) {
            return java.util.Arrays.stream(values()).filter(l -> l.label.equals(label)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("unknown layout " + label));
        }

        /** Whether each member runs its own nginx, started with the host. */
        public boolean hostNginx() {
            return this != COLOCATED;
        }
    }

    public final Layout layout;

    public EdgePair(Path dir) throws Exception {
        this(dir, Layout.COLOCATED);
    }

    public EdgePair(Path dir, Layout layout) throws Exception {
        this.dir = dir;
        this.layout = layout;
        this.lan = Lan.create();
        try {
            hosts.put("lb1", lan.host("lb1", 1));
            hosts.put("lb2", lan.host("lb2", 2));
            hosts.put("w", lan.host("w", 3));
            client = lan.host("client", 9);
            vip = lan.address(100); // no host takes .100
            writeNginx(layout == Layout.PROXY ? "127.0.0.1:8080" : "80");
            config = dir.resolve("edge.cfg");
            String resources = switch (layout) {
                case IP_ONLY -> "";
                case COLOCATED -> """
                            colocation vip-with-web inf vip web
                            order web-then-vip web vip
                        resource web
                            type process
                            param command "/usr/sbin/nginx -c %1$s/nginx/nginx.conf -g 'daemon off; pid %1$s/nginx/nginx.pid;'"
                            param health-url http://127.0.0.1:80/
                            param log-file %1$s/nginx/out.log
                            op monitor interval 500ms timeout 5s
                        """;
                case PROXY -> """
                            colocation web-with-vip inf web vip
                        resource web
                            type haven-proxy
                            param frontend fe
                            op monitor interval 500ms timeout 5s
                        defaults
                            mode tcp
                            timeout connect 1s
                            timeout client 5s
                            timeout server 5s
                        frontend fe
                            bind %5$s:80
                            default_backend local_nginx
                        backend local_nginx
                            server nginx 127.0.0.1:8080
                        """;
            };
            Files.writeString(config, ("""
                    global
                        node ${NODE}
                        stats socket %1$s/${NODE}.sock level admin
                    cluster edge
                        member lb1 %2$s:7946
                        member lb2 %3$s:7946
                        witness w %4$s:7946
                        state-dir %1$s/state
                    """ + resources + """
                    resource vip
                        type vip
                        param ip %5$s/24
                        param interface eth0
                        op monitor interval 500ms timeout 5s
                    """).formatted(dir, lan.address(1), lan.address(2), lan.address(3), vip));
            if (layout.hostNginx()) {
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
    private void writeNginx(String listen) throws IOException {
        Path d = Files.createDirectories(dir.resolve("nginx"));
        Files.writeString(d.resolve("nginx.conf"), """
                error_log %1$s/error.log;
                worker_processes 1;
                events { worker_connections 256; }
                http {
                    access_log off;
                    client_body_temp_path %1$s/body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    server {
                        listen %2$s;
                        location / { return 200 "$hostname\\n"; }
                    }
                }
                """.formatted(d, listen));
    }

    /** Starts the witness and both members, and waits until one member serves the address. */
    public void startAll() throws Exception {
        start("w");
        start("lb1");
        start("lb2");
        awaitServedByOne();
    }

    /**
     * Waits until the cluster is whole again: every running member sees every running node in its
     * view, has quorum, and all are at the same state revision. A frozen node that was thawed, for
     * one, keeps its old view until the others merged it back.
     */
    public void awaitSettled() {
        await("every node sees every running node").atMost(CHANGE).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> {
                    JsonNode first = null;
                    for (String n : nodes.keySet()) {
                        if (!MEMBERS.contains(n)) {
                            continue; // the witness has no stats socket; the members say whether it is in view
                        }
                        JsonNode s = status(n);
                        for (JsonNode node : s.get("nodes")) {
                            if (nodes.containsKey(node.get("name").asText()) && !node.get("in_view").asBoolean()) {
                                return false;
                            }
                        }
                        if (!s.get("quorum").asBoolean() || (first != null && !first.get("revision").equals(s.get("revision")))) {
                            return false;
                        }
                        first = s;
                    }
                    return true;
                });
    }

    /** Stops the member's Haven with SIGTERM (it hands over first) and waits until it exited cleanly. */
    public void stopGracefully(String member) throws Exception {
        HavenProcess leaving = nodes.get(member);
        leaving.signal("TERM");
        int code = leaving.awaitExit(Duration.ofSeconds(30));
        if (code != 0) {
            throw new IllegalStateException(member + " exited with " + code + ":\n" + leaving.stderr());
        }
        gone.put(member + " (stopped)", nodes.remove(member));
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
        out.append(NodeReports.of(nodes, this::socket));
        gone.forEach((name, p) -> out.append("==== ").append(name).append('\n').append(NodeReports.tail(p.stderr())));
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
        gone.put(node + " (killed)", p);
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

    /** Brings a powered-off host back: its link, its own nginx (if the layout has one); Haven is started by the caller. */
    public void powerOn(String node) throws Exception {
        hosts.get(node).run("ip", "link", "set", "eth0", "up");
        if (layout.hostNginx()) {
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
