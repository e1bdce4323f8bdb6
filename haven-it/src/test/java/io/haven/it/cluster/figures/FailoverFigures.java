package io.haven.it.cluster.figures;

import io.haven.it.cluster.EdgePair;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 4's failover figures, measured in network namespaces (the {@link EdgePair} setup: two Haven
 * members, a witness, a client, a leased floating address and nginx): a client polls the address
 * every 50 ms over HTTP and reads which member answers. Per run: the gap the client sees when the
 * serving member's Haven is killed (SIGKILL, its nginx too), when it is stopped gracefully
 * (SIGTERM: it hands over and leaves), and, with the link between the members cut, how long the
 * address was on both members. Nothing is asserted; {@code bench/failover.sh} runs it and the
 * report goes to {@code figures.out/failover.txt}.
 */
@EnabledIfSystemProperty(named = "figures", matches = "true")
class FailoverFigures {
    private static final int POLL_MS = 50;

    @TempDir
    Path dir;

    private final int runs = Integer.getInteger("figures.runs", 5);
    private final List<String> layouts = List.of(System.getProperty("figures.layouts", "ip-only,colocated,haven-proxy").split(","));
    private String layout;
    private final Path out = Path.of(System.getProperty("figures.out", "../bench/results")).toAbsolutePath().normalize();
    private final Map<String, List<Long>> figures = new LinkedHashMap<>();
    private PrintWriter progress;

    @Test
    void measure() throws Exception {
        Files.createDirectories(out);
        String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
        Instant began = Instant.now();
        try (PrintWriter p = new PrintWriter(Files.newBufferedWriter(out.resolve("failover-progress.log")), true)) {
            progress = p;
            for (String layout : layouts) {
                layout(layout);
            }
        }
        write(began, loadBefore);
    }

    private void layout(String name) throws Exception {
        this.layout = name;
        try (EdgePair edge = new EdgePair(Files.createDirectories(dir.resolve(name)), EdgePair.Layout.of(name))) {
            edge.startAll();
            for (int run = 1; run <= runs; run++) {
                crash(edge, run);
                powerOff(edge, run);
                graceful(edge, run);
                cut(edge, run);
            }
        }
    }

    private void crash(EdgePair edge, int run) throws Exception {
        String holder = switchover(edge, run, "crash", edge::crash);
        edge.start(holder);
        edge.awaitServedByOne();
        awaitOnline(edge, holder);
    }

    private void powerOff(EdgePair edge, int run) throws Exception {
        String holder = switchover(edge, run, "host down", edge::powerOff);
        edge.powerOn(holder);
        edge.start(holder);
        edge.awaitServedByOne();
        awaitOnline(edge, holder);
    }

    private void graceful(EdgePair edge, int run) throws Exception {
        String holder = switchover(edge, run, "graceful stop", edge::stopGracefully);
        edge.start(holder);
        awaitOnline(edge, holder);
    }

    /** An event to the serving member, as the client sees it; returns that member. */
    private String switchover(EdgePair edge, int run, String event, Event action) throws Exception {
        String holder = edge.awaitServedByOne();
        Path log = dir.resolve(layout + "-" + event.replace(' ', '-') + "-" + run + ".log");
        Process probe = edge.probe(log, POLL_MS, 120);
        try {
            awaitPolls(log, 10);
            long at = System.currentTimeMillis();
            action.on(holder);
            String next = edge.awaitServedBy(n -> !n.equals(holder));
            org.awaitility.Awaitility.await("the probe sees " + next).atMost(Duration.ofSeconds(10)).ignoreExceptions()
                    .until(() -> ProbeLog.read(log).polls().stream().filter(p -> p.ok() && p.at() > at && p.answer().equals(next))
                            .count() >= 5);
            stop(probe);
            ProbeLog seen = ProbeLog.read(log);
            record(event + ": client-observed gap (ms)", seen.gapMillis(at, holder, next));
            record(event + ": failed polls", seen.failuresAfter(at));
            progress.printf("%s run %d %s: %s -> %s; gap %d ms, %d failed polls%n", layout, run, event, holder, next,
                    seen.gapMillis(at, holder, next), seen.failuresAfter(at));
            if (run == 1) {
                // what the client and the new member did around the event, for reading the gap
                seen.polls().stream().filter(p -> p.at() > at - 200 && p.at() < at + 1000)
                        .forEach(p -> progress.printf("    %tT.%<tL poll %s %s%n", p.at(), p.ok() ? "ok" : "FAIL", p.answer()));
                String takerLog = edge.nodes.get(next).stderr();
                takerLog.lines().filter(l -> l.contains("node " + next + ":") || l.contains("leader") || l.contains("nodes up"))
                        .reduce((a, b) -> a + "\n" + b).ifPresent(l -> progress.println(
                                String.join("\n", l.lines().skip(Math.max(0, l.lines().count() - 8)).map(x -> "    " + x).toList())));
                progress.printf("    event at %tT.%<tL%n", at);
            }
        } finally {
            probe.destroyForcibly();
        }
        return holder;
    }

    @FunctionalInterface
    private interface Event {
        void on(String node) throws Exception;
    }

    private void cut(EdgePair edge, int run) throws Exception {
        String holder = edge.awaitServedByOne();
        long bothPolls = 0;
        long polls = 0;
        long bothMs = 0;
        edge.lan.cut(edge.hosts.get("lb1"), edge.hosts.get("lb2"));
        try {
            long end = System.nanoTime() + Duration.ofSeconds(6).toNanos();
            long last = System.nanoTime();
            while (System.nanoTime() < end) {
                boolean both = edge.holders().size() > 1;
                long now = System.nanoTime();
                polls++;
                if (both) {
                    bothPolls++;
                    bothMs += (now - last) / 1_000_000;
                }
                last = now;
            }
        } finally {
            edge.lan.heal(edge.hosts.get("lb1"), edge.hosts.get("lb2"));
        }
        String after = edge.awaitServedByOne();
        record("cut link: time the address was on both members (ms)", bothMs);
        progress.printf(layout + " run %d cut: %s served before, %s after; address on both in %d of %d polls (%d ms)%n", run, holder,
                after, bothPolls, polls, bothMs);
        for (String m : EdgePair.MEMBERS) {
            awaitOnline(edge, m);
        }
    }

    private static void awaitOnline(EdgePair edge, String node) {
        org.awaitility.Awaitility.await(node + " online everywhere").atMost(EdgePair.CHANGE).ignoreExceptions().until(() -> {
            for (var n : edge.status("w".equals(node) ? "lb1" : node).get("nodes")) {
                if (!n.get("online").asBoolean() || n.get("standby").asBoolean()) {
                    return false;
                }
            }
            return edge.status(node).get("quorum").asBoolean();
        });
    }

    private static void awaitPolls(Path log, int n) {
        org.awaitility.Awaitility.await("probe running").atMost(Duration.ofSeconds(30)).ignoreExceptions()
                .until(() -> ProbeLog.read(log).polls().stream().filter(ProbeLog.Poll::ok).count() >= n);
    }

    private static void stop(Process probe) throws Exception {
        probe.getOutputStream().close(); // the probe exits when its stdin closes
        probe.waitFor(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    private void record(String figure, long value) {
        figures.computeIfAbsent(layout + ": " + figure, k -> new ArrayList<>()).add(value);
    }

    private void write(Instant began, String loadBefore) throws Exception {
        StringBuilder r = new StringBuilder();
        r.append("Haven failover figures (issue 4), ").append(began).append(", ").append(runs).append(" runs\n");
        r.append("Setup: network namespaces on one bridge: lb1, lb2 (Haven members), w (haven witness), client;\n");
        r.append("layouts: ip-only = nginx runs on both members all the time (started with the hosts, as keepalived\n");
        r.append("setups run it) and the cluster moves vip only; colocated = nginx is a cluster resource (process agent,\n");
        r.append("monitor 500ms) that vip is colocated with and ordered after, so a move restarts nginx too;\n");
        r.append("haven-proxy = nginx on both members on 127.0.0.1:8080, and Haven's frontend on vip:80 (mode tcp) is a\n");
        r.append("haven-proxy resource colocated with vip (not ordered: it binds with IP_FREEBIND): it listens only where vip is.\n");
        r.append("vip: vip agent, /24 on eth0, 1 s lease, 5 gratuitous ARPs, monitor 500ms; default cluster timings.\n");
        r.append("Events: crash = kill -9 of the serving member's Haven and of what it started (its host stays up: the next\n");
        r.append("connection to its cluster port is refused); host down = that, plus the host's own nginx, and its link\n");
        r.append("down (silence: detected by heartbeats, 1 s, then 1.5 s for a cut-off node to let go); graceful = SIGTERM.\n");
        r.append("Client: a new HTTP connection to the address every ").append(POLL_MS).append(" ms from its own namespace.\n");
        r.append("Gap = first answer from the new member - last answer from the old one (polls every " + POLL_MS + " ms: one failed poll is a ~100 ms gap).\n");
        r.append("Load average before: ").append(loadBefore).append("; after: ")
                .append(Files.readString(Path.of("/proc/loadavg")).strip()).append("\n\n");
        r.append(String.format("%-58s %10s   %s%n", "figure", "median", "runs"));
        for (var e : figures.entrySet()) {
            List<Long> v = new ArrayList<>(e.getValue());
            List<Long> sorted = v.stream().sorted().toList();
            long median = sorted.get(sorted.size() / 2);
            r.append(String.format("%-58s %10d   %s%n", e.getKey(), median, v));
        }
        Files.writeString(out.resolve("failover.txt"), r.toString());
        progress.print(r);
    }
}
