package io.haven.cluster.raft;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Member {@code a} runs in its own JVM and is killed with SIGKILL (its sockets are closed by the
 * kernel, as on a real crash); {@code b} (and the witness {@code w}) run here. Five rounds each: the
 * survivors drop {@code a} from their view, elect a leader and commit; times are printed.
 */
class ProcessCrashFailoverTest {

    @Test
    void killingTheNodeProcessIsDetectedAndTheSurvivorsCommit() throws Exception {
        List<Long> detect = new ArrayList<>();
        List<Long> leader = new ArrayList<>();
        List<Long> commit = new ArrayList<>();
        for (int round = 1; round <= 5; round++) {
            try (TestCluster c = new TestCluster(QuorumMode.MAJORITY, List.of("a", "b"), List.of("w"))) {
                // a starts first, so it coordinates the first vote and wins it (all logs empty: the
                // first member of the view wins the tie)
                Process a = startNodeProcess(c, "a");
                try {
                    c.start("b");
                    c.start("w");
                    await().atMost(Duration.ofSeconds(20)).until(() -> c.node("b").status().up().contains("a")
                            && c.agreedLeader().isPresent());
                    String before = c.agreedLeader().orElseThrow();
                    String first = "round-" + round;
                    c.submit("b", first);
                    long t0 = System.nanoTime();
                    a.destroyForcibly(); // SIGKILL by PID
                    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(2)).until(() ->
                            !c.node("b").status().up().contains("a") && !c.node("w").status().up().contains("a"));
                    long t1 = System.nanoTime();
                    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(2))
                            .until(() -> c.agreedLeader().filter(l -> !l.equals("a")).isPresent());
                    long t2 = System.nanoTime();
                    String cmd = "after-kill-" + round;
                    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(2))
                            .until(() -> c.tryCommit("w", cmd));
                    long t3 = System.nanoTime();
                    detect.add((t1 - t0) / 1_000_000);
                    if (before.equals("a")) {
                        leader.add((t2 - t0) / 1_000_000);
                        commit.add((t3 - t0) / 1_000_000);
                    }
                    System.out.printf("round %d: leader was %s; kill -9 of a seen after %d ms, leader %s after %d ms,"
                                    + " commit after %d ms%n", round, before, (t1 - t0) / 1_000_000,
                            c.agreedLeader().orElse("?"), (t2 - t0) / 1_000_000, (t3 - t0) / 1_000_000);
                    assertThat(a.waitFor(5, TimeUnit.SECONDS)).isTrue();
                    // a retried command may be applied twice (its first answer was lost with the
                    // leader), as Raft allows; what counts is that both survivors applied the same
                    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                        assertThat(c.applied("b")).isEqualTo(c.applied("w"));
                        assertThat(c.applied("b").stream().distinct()).containsExactly(first, cmd);
                    });
                } finally {
                    a.destroyForcibly();
                    a.waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
        assertThat(leader).as("rounds in which the killed process led").isNotEmpty();
        System.out.printf("kill -9: detected median %d ms %s; when a led: new leader median %s ms %s,"
                        + " first commit median %s ms %s%n", LeaderCrashFailoverTest.median(detect), detect,
                leader.isEmpty() ? "n/a" : LeaderCrashFailoverTest.median(leader), leader,
                commit.isEmpty() ? "n/a" : LeaderCrashFailoverTest.median(commit), commit);
    }

    @Test
    void inATwoNodePairTheSurvivorOfAKilledProcessKeepsQuorumAndCommits() throws Exception {
        List<Long> commit = new ArrayList<>();
        for (int round = 1; round <= 5; round++) {
            try (TestCluster c = new TestCluster(QuorumMode.TWO_NODE, List.of("a", "b"), List.of())) {
                Process a = startNodeProcess(c, "a");
                try {
                    c.start("b");
                    await().atMost(Duration.ofSeconds(20)).until(() -> c.recorders.get("b").hasQuorum()
                            && c.node("b").status().leader().isPresent());
                    String before = c.node("b").status().leader().orElseThrow();
                    long t0 = System.nanoTime();
                    a.destroyForcibly(); // SIGKILL by PID
                    // a client keeps trying from the moment of the crash: a command sent to the dead
                    // leader fails when the leader changes, and the retry commits
                    String cmd = "alone-" + round;
                    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(2))
                            .until(() -> c.tryCommit("b", cmd));
                    long t1 = System.nanoTime();
                    commit.add((t1 - t0) / 1_000_000);
                    System.out.printf("two_node round %d: leader was %s; after kill -9 of a, b committed alone after"
                            + " %d ms%n", round, before, (t1 - t0) / 1_000_000);
                    assertThat(c.recorders.get("b").reason()).isEqualTo("two_node: a crashed (its sockets closed)");
                    assertThat(c.node("b").status().isLeader()).isTrue();
                    assertThat(c.applied("b")).endsWith(cmd);
                } finally {
                    a.destroyForcibly();
                    a.waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
        System.out.printf("two_node kill -9: survivor's first commit median %d ms %s%n",
                LeaderCrashFailoverTest.median(commit), commit);
    }

    @Test
    void aFrozenLeaderProcessIsExcludedByHeartbeatAndRejoinsAfterThaw() throws Exception {
        List<Long> detect = new ArrayList<>();
        List<Long> commit = new ArrayList<>();
        for (int round = 1; round <= 5; round++) {
            try (TestCluster c = new TestCluster(QuorumMode.MAJORITY, List.of("a", "b"), List.of("w"))) {
                Process a = startNodeProcess(c, "a");
                try {
                    c.start("b");
                    c.start("w");
                    await().atMost(Duration.ofSeconds(20)).until(() -> c.node("b").status().up().contains("a")
                            && c.agreedLeader().isPresent());
                    long t0 = System.nanoTime();
                    signal("STOP", a); // a hang: the process keeps its sockets open but says nothing
                    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(2)).until(() ->
                            !c.node("b").status().up().contains("a") && !c.node("w").status().up().contains("a"));
                    long t1 = System.nanoTime();
                    String cmd = "frozen-" + round;
                    await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(2))
                            .until(() -> c.tryCommit("w", cmd));
                    long t2 = System.nanoTime();
                    detect.add((t1 - t0) / 1_000_000);
                    commit.add((t2 - t0) / 1_000_000);
                    System.out.printf("freeze round %d: SIGSTOP of a seen after %d ms, commit after %d ms%n",
                            round, (t1 - t0) / 1_000_000, (t2 - t0) / 1_000_000);

                    signal("CONT", a);
                    await().atMost(Duration.ofSeconds(15)).until(() -> c.node("b").status().up().contains("a")
                            && c.node("w").status().up().contains("a"));
                    assertThat(c.agreedLeader()).isPresent();
                    String thawed = "thawed-" + round;
                    c.submit("w", thawed);
                    await().atMost(Duration.ofSeconds(5)).until(() -> c.applied("b").contains(thawed)
                            && c.applied("w").equals(c.applied("b")));
                } finally {
                    a.destroyForcibly();
                    a.waitFor(5, TimeUnit.SECONDS);
                }
            }
        }
        System.out.printf("SIGSTOP: excluded median %d ms %s; first commit median %d ms %s%n",
                LeaderCrashFailoverTest.median(detect), detect, LeaderCrashFailoverTest.median(commit), commit);
    }

    private static void signal(String signal, Process p) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).inheritIO().start();
        assertThat(kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0)
                .as("kill -%s %d", signal, p.pid()).isTrue();
    }

    private static Process startNodeProcess(TestCluster c, String name) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ClusterNodeMain.class.getName(), name,
                c.root.resolve(name).toString(), c.mode.keyword()));
        for (Voter v : c.voters) {
            cmd.add((v.witness() ? "~" : "") + v.name() + "=" + v.address().getHostString() + ":"
                    + v.address().getPort());
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<Boolean> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> {
            try {
                for (String line; (line = out.readLine()) != null; ) {
                    System.out.println("[" + name + " pid " + p.pid() + "] " + line);
                    if (line.equals("READY")) {
                        ready.complete(true);
                    }
                }
            } catch (Exception e) {
                ready.completeExceptionally(e);
            }
            ready.complete(false);
        }, "output-" + name);
        pump.setDaemon(true);
        pump.start();
        assertThat(ready.get(30, TimeUnit.SECONDS)).as("node process %s started", name).isTrue();
        return p;
    }
}
