package io.haven.it.figures;

import io.haven.it.support.ReplicaSet;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 3's lag figures, measured: a real primary and three replicas (pt-heartbeat every 100 ms),
 * a client opening a new connection every 20 ms through a proxy in front of the replicas, and
 * lag, flapping and a killed replica injected for real. The same scenarios run against Haven's
 * native lag check and against HAProxy with {@code haven agent} (GitHub's design) at two check
 * intervals (and, for the killed replica, with {@code option redispatch}), alternating per round
 * on the same machine. Nothing is asserted: the figures are
 * written to {@code figures.out/lag.txt}, the client's every read to {@code lag-reads.tsv}, the
 * proxies' configurations and logs to {@code lag-logs/}.
 *
 * <p>Not part of {@code mvn verify} (haven-it's surefire excludes {@code **}{@code /figures/**}, and
 * it only runs with {@code -Dfigures=true}); {@code bench/lag.sh} runs it. System properties:
 * {@code figures.runs} (3), {@code figures.proxies} ({@code haven,haproxy-500ms,haproxy-5s,haproxy-500ms-redispatch:kill}),
 * {@code figures.scenarios} ({@code event-stop-sql,event-lock,flapping-stop-sql,flapping-lock,kill}),
 * {@code figures.flap.seconds} (20), {@code figures.haproxy} ({@code haproxy}), {@code figures.out}
 * ({@code ../bench/results}), {@code figures.seed} (the random check-phase offsets; a new one each time).
 */
@EnabledIfSystemProperty(named = "figures", matches = "true")
class LagFigures {
    private static final Duration LAG_FOR = Duration.ofMillis(1500);
    private static final Duration FRESH_FOR = Duration.ofMillis(1500);

    @TempDir
    Path dir;

    private final int runs = Integer.getInteger("figures.runs", 3);
    /** Proxies to compare, each optionally limited to some scenarios: {@code name:scenario+scenario}. */
    private final List<String> proxyNames = list("figures.proxies",
            "haven,haproxy-500ms,haproxy-5s,haproxy-500ms-redispatch:kill");
    private final List<String> scenarios = list("figures.scenarios",
            "event-stop-sql,event-lock,flapping-stop-sql,flapping-lock,kill");
    private final Duration flapFor = Duration.ofSeconds(Integer.getInteger("figures.flap.seconds", 20));
    private final String haproxy = System.getProperty("figures.haproxy", "haproxy");
    private final Path out = Path.of(System.getProperty("figures.out", "../bench/results")).toAbsolutePath().normalize();
    /** Seeds the random check-phase offsets ({@code figures.seed}); printed in the report. */
    private final long seed = Long.getLong("figures.seed", System.nanoTime());
    private final java.util.Random random = new java.util.Random(seed);
    private PrintWriter progress;

    private static List<String> list(String property, String defaults) {
        return Arrays.stream(System.getProperty(property, defaults).split(",")).map(String::strip)
                .filter(s -> !s.isEmpty()).toList();
    }

    @Test
    void measure() throws Exception {
        deleteRecursively(out.resolve("lag-logs")); // the previous measurement's, replaced below
        Files.createDirectories(out.resolve("lag-logs"));
        try (PrintWriter p = new PrintWriter(Files.newBufferedWriter(out.resolve("lag-progress.log")), true);
                BufferedWriter tsv = Files.newBufferedWriter(out.resolve("lag-reads.tsv"))) {
            progress = p;
            tsv.write("proxy\trun\tphase\tvictim_server_id\tstart_us\tend_us\tserver_id\tlag_us\terror\n");
            LagReport report = new LagReport();
            String loadBefore = Files.readString(Path.of("/proc/loadavg")).strip();
            Instant began = Instant.now();
            log("starting a primary and 3 replicas");
            try (ReplicaSet set = ReplicaSet.start(dir.resolve("mysql"), 3)) {
                set.startHeartbeat();
                log("replica set ready in " + set.startupTime().toMillis() + " ms; " + set.primary().version());
                preamble(report, set);
                Map<String, String> notRun = new LinkedHashMap<>();
                proxyNames.forEach(plan -> report.proxy(nameOf(plan)));
                for (int round = 1; round <= runs; round++) {
                    int victim = (round - 1) % set.replicaCount() + 1;
                    for (String plan : proxyNames) {
                        if (!notRun.containsKey(nameOf(plan))) {
                            runOne(set, nameOf(plan), scenariosOf(plan), round, victim, report, notRun, tsv);
                        }
                    }
                }
                notRun.forEach(report::notRun);
            }
            report.preamble(String.format(Locale.ROOT, "took %d s; load average before: %s; after: %s",
                    Duration.between(began, Instant.now()).toSeconds(), loadBefore,
                    Files.readString(Path.of("/proc/loadavg")).strip()));
            String text = report.render();
            Files.writeString(out.resolve("lag.txt"), text);
            System.out.println(text);
            log("written " + out.resolve("lag.txt"));
        }
    }

    private static String nameOf(String proxy) {
        int colon = proxy.indexOf(':');
        return colon < 0 ? proxy : proxy.substring(0, colon);
    }

    private List<String> scenariosOf(String proxy) {
        int colon = proxy.indexOf(':');
        return colon < 0 ? scenarios : List.of(proxy.substring(colon + 1).split("\\+"));
    }

    private void runOne(ReplicaSet set, String name, List<String> scenarios, int round, int victim, LagReport report,
            Map<String, String> notRun, BufferedWriter tsv) throws Exception {
        Path runDir = dir.resolve(name + "-" + round);
        ProxyUnderTest proxy;
        log(name + " run " + round + " (victim r" + victim + "): starting");
        try {
            proxy = start(name, runDir, set);
        } catch (Exception | Error e) {
            log(name + " could not start: " + e);
            notRun.put(name, e.toString().lines().findFirst().orElse("") + " (see lag-progress.log)");
            progress.println(stackTrace(e));
            return;
        }
        List<Phase> phases = new ArrayList<>();
        ReadClient client = ReadClient.start(proxy.port());
        try {
            Scenarios s = new Scenarios(set, proxy, this::log, random);
            for (String scenario : scenarios) {
                log(name + " run " + round + ": " + scenario + " on r" + victim);
                phases.add(switch (scenario) {
                    case "event-stop-sql" -> s.lagEvent(victim, LagInjection.STOP_SQL);
                    case "event-lock" -> s.lagEvent(victim, LagInjection.LOCK);
                    case "flapping-stop-sql" -> s.flapping(victim, LagInjection.STOP_SQL, flapFor, LAG_FOR, FRESH_FOR);
                    case "flapping-lock" -> s.flapping(victim, LagInjection.LOCK, flapFor, LAG_FOR, FRESH_FOR);
                    case "kill" -> s.killAndRestart(victim);
                    default -> throw new IllegalArgumentException("unknown scenario '" + scenario + "'");
                });
            }
            client.close();
            List<Read> reads = client.reads();
            List<Measure> measures = new ArrayList<>();
            List<String> phaseNotes = new ArrayList<>();
            for (Phase ph : phases) {
                for (Measure m : ph.measure(reads)) {
                    measures.add(m);
                    if (!m.note().isEmpty()) {
                        phaseNotes.add(ph.name() + ": " + m.note());
                    }
                }
            }
            measures.add(new Measure(Figure.SKIPPED, client.skipped(), ""));
            report.run(name, round, measures, phaseNotes);
            phaseNotes.forEach(n -> log("  " + n));
            writeReads(tsv, name, round, reads, phases, set);
        } catch (Exception | Error e) {
            log(name + " run " + round + " failed: " + e);
            progress.println(stackTrace(e));
            report.runFailed(name, round, e.toString().lines().findFirst().orElse(""));
        } finally {
            client.close();
            try {
                proxy.saveLogs(out.resolve("lag-logs").resolve(name + "-run" + round));
            } finally {
                proxy.close();
            }
        }
    }

    private ProxyUnderTest start(String name, Path runDir, ReplicaSet set) throws Exception {
        return switch (name) {
            case "haven" -> HavenUnderTest.start(runDir, set);
            case "haproxy-500ms" -> HaproxyUnderTest.start(name, haproxy, "500ms", false, runDir, set);
            case "haproxy-5s" -> HaproxyUnderTest.start(name, haproxy, "5000", false, runDir, set);
            case "haproxy-500ms-redispatch" -> HaproxyUnderTest.start(name, haproxy, "500ms", true, runDir, set);
            case "haproxy-5s-redispatch" -> HaproxyUnderTest.start(name, haproxy, "5000", true, runDir, set);
            default -> throw new IllegalArgumentException("unknown proxy '" + name + "'");
        };
    }

    private void preamble(LagReport r, ReplicaSet set) throws Exception {
        r.preamble("Haven lag figures (issue 3), " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors()
                + " CPUs, " + set.primary().version() + ", " + firstLine(haproxy, "-v"));
        r.preamble("");
        r.preamble("Setup: a MariaDB primary + 3 replicas (GTID, ROW), pt-heartbeat row written on the primary every 100 ms;");
        r.preamble("a proxy in front of the 3 replicas only (listen mysql_ro, roundrobin, r1..r3; no writer: no scenario needs it);");
        r.preamble("a client opening a NEW connection every 20 ms through the proxy (Connector/J, one worker per read) running");
        r.preamble("  " + ReadClient.QUERY);
        r.preamble("and recording per read: start, end, server id, lag (us), error. A read is stale when ITS measured lag > 1 s.");
        r.preamble("Rounds alternate the proxies on the same replica set; the lagging/killed replica is r1, r2, r3 in rounds 1, 2, 3.");
        r.preamble("Proxies:");
        r.preamble("  haven:          " + HavenUnderTest.SETTINGS);
        r.preamble("  haproxy-500ms:  Debian haproxy -f cfg -db; option httpchk GET /check-lag; http-check disable-on-404;");
        r.preamble("                  default-server fall 2 inter 500ms rise 1 downinter 500ms on-marked-down shutdown-sessions;");
        r.preamble("                  defaults otherwise (retries 3, no redispatch); one `haven agent --max-lag 1s --heartbeat "
                + ReplicaSet.HEARTBEAT_TABLE + " --interval " + HaproxyUnderTest.AGENT_INTERVAL + "` per replica");
        r.preamble("  haproxy-5s:     the same with GitHub's inter 5000 (downinter 5000), fall 2, rise 1");
        r.preamble("  haproxy-500ms-redispatch: haproxy-500ms plus `retries 3` and `option redispatch` (not in GitHub's");
        r.preamble("                  published config): shows how much of d) is HAProxy's configuration rather than HAProxy");
        r.preamble("  all: timeout connect 1s, client/server 30s, mode tcp.");
        r.preamble("Scenarios (each starts once all replicas are fully UP and < 0.5 s behind, for 1 s, then after a random wait");
        r.preamble("  in [0, the proxy's check inter) so that the lag starts at a random point of the check period; seed " + seed + "):");
        r.preamble("  event-<how>:    inject lag into one replica; keep it until the proxy's show stat (polled every 50 ms) has shown");
        r.preamble("                  it out for 1 s (at most 30 s), then restore. Crossing = the replica's frozen heartbeat ts + 1 s,");
        r.preamble("                  i.e. when its true lag reached 1 s. a) = start of the last new connection that reached it before");
        r.preamble("                  the restore, minus the crossing (negative: the proxy stopped sending it connections BEFORE the");
        r.preamble("                  lag reached 1 s). b) = stale reads in the whole scenario (until it serves again + 1 s).");
        r.preamble("  flapping-<how>: 1.5 s lag, 1.5 s fresh, " + flapFor.toSeconds()
                + " s in all (lag passes 1 s in each cycle); c) = stale / all served reads, both counted");
        r.preamble("                  over the toggling + 1 s; also stale / reads served by the flapping replica.");
        r.preamble("  kill:           SIGKILL the replica's mariadbd; restart it once the proxy has shown it down for 1 s (at most 30 s);");
        r.preamble("                  d) = failed client connections until it serves again + 1 s (a read slower than the client's");
        r.preamble("                  3 s connect timeout counts as failed; the notes give the slowest successful read).");
        r.preamble("  how = stop-sql: " + LagInjection.STOP_SQL.statements() + " (the issue's way; Haven and the agent see");
        r.preamble("                  Slave_SQL_Running=No and call the lag unknown at once, before it reaches 1 s)");
        r.preamble("  how = lock:     " + LagInjection.LOCK.statements() + " on the replica (SQL thread stays");
        r.preamble("                  running, blocked on the table: only a lag measurement sees it, as with a slow apply)");
        r.preamble("Runs: " + runs + "; scenarios: " + String.join(", ", scenarios) + "; proxies (name:only these scenarios): "
                + String.join(", ", proxyNames));
    }

    private void writeReads(BufferedWriter tsv, String proxy, int round, List<Read> reads, List<Phase> phases,
            ReplicaSet set) throws IOException {
        for (Read r : reads) {
            Phase in = phases.stream().filter(p -> r.startMicros() >= p.startMicros() && r.startMicros() < p.endMicros())
                    .findFirst().orElse(null);
            tsv.write(proxy + "\t" + round + "\t" + (in == null ? "-" : in.name()) + "\t"
                    + (in == null ? "-" : Integer.toString(set.serverId(in.victim()))) + "\t" + r.startMicros() + "\t"
                    + r.endMicros() + "\t" + r.serverId() + "\t" + r.lagMicros() + "\t"
                    + (r.error() == null ? "" : r.error()) + "\n");
        }
        tsv.flush();
    }

    private static String firstLine(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String first = new String(p.getInputStream().readAllBytes()).lines().findFirst().orElse("");
            p.waitFor();
            return first;
        } catch (IOException e) {
            return command[0] + ": " + e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return command[0] + ": interrupted";
        }
    }

    private void log(String line) {
        String stamped = "[lag " + Instant.now().toString().substring(11, 23) + "] " + line;
        progress.println(stamped);
        System.out.println(stamped);
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static String stackTrace(Throwable e) {
        StringWriter w = new StringWriter();
        e.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
