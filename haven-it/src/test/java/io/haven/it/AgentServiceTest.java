package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import io.haven.it.support.ReplicaSet;
import io.haven.it.support.ShowStat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code haven agent}, the real program, on a real MariaDB primary and replica with a
 * pt-heartbeat writer, asked exactly as HAProxy's {@code option httpchk} asks
 * ({@code GET /check-lag HTTP/1.0} and a blank line). One agent measures the replica through the
 * heartbeat table, one measures the primary (the writer); lag is injected for real
 * ({@code MASTER_DELAY}, a stopped SQL thread, a killed or frozen {@code mariadbd}). One test has
 * Haven itself check both agents, as GitHub runs HAProxy.
 */
class AgentServiceTest {
    private static final Duration CHANGE = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static ReplicaSet mysql;
    static Path hints;
    static HavenProcess replicaAgent;
    static HavenProcess writerAgent;
    static int replicaAgentPort;
    static int writerAgentPort;

    @BeforeAll
    static void start() throws Exception {
        mysql = ReplicaSet.start(dir.resolve("mysql"), 1);
        mysql.startHeartbeat();
        hints = Files.createDirectory(dir.resolve("hints"));
        Path password = Files.writeString(dir.resolve("password"), ReplicaSet.HAVEN_PASSWORD + "\n");
        replicaAgentPort = Net.freePort();
        replicaAgent = agent(replicaAgentPort, mysql.replicaPort(1), password, "--hints-dir", hints.toString(),
                "--heartbeat", ReplicaSet.HEARTBEAT_TABLE);
        writerAgentPort = Net.freePort();
        writerAgent = agent(writerAgentPort, mysql.primaryPort(), password, "--replica-status");
    }

    private static HavenProcess agent(int port, int mysqlPort, Path password, String... more) throws IOException {
        String[] args = Stream.concat(Stream.of("agent", "--listen", "127.0.0.1:" + port,
                "--mysql", "127.0.0.1:" + mysqlPort, "--user", ReplicaSet.HAVEN_USER,
                "--password-file", password.toString(), "--max-lag", "1s", "--interval", "200ms"),
                Stream.of(more)).toArray(String[]::new);
        HavenProcess p = HavenProcess.launch(dir, args);
        p.awaitPorts(port);
        return p;
    }

    @AfterAll
    static void stop() throws Exception {
        for (HavenProcess p : new HavenProcess[] {replicaAgent, writerAgent}) {
            if (p != null) {
                p.close();
            }
        }
        if (mysql != null) {
            mysql.close();
        }
    }

    @BeforeEach
    void noHintsAndAFreshReplica() throws IOException {
        try (Stream<Path> files = Files.list(hints)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        awaitAnswer(replicaAgentPort, "/check-lag", 200);
    }

    /** One check as HAProxy sends it; the agent must close the connection after answering. */
    record Answer(int status, String body) {
        static Answer ask(int port, String pathAndQuery) throws IOException {
            String r = Net.exchange(port, "GET " + pathAndQuery + " HTTP/1.0\r\n\r\n");
            int end = r.indexOf("\r\n\r\n");
            return new Answer(Integer.parseInt(r.substring(9, 12)), r.substring(end + 4).strip());
        }
    }

    static Answer awaitAnswer(int port, String path, int status) {
        return await(path + " answering " + status).atMost(CHANGE).pollInterval(Duration.ofMillis(100))
                .until(() -> Answer.ask(port, path), a -> a.status() == status);
    }

    @Test
    void aFreshReplicaIs200OnTheReadChecksAnd404OnMaster() throws IOException {
        assertThat(Answer.ask(replicaAgentPort, "/check-lag").body()).matches("lag 0\\.\\d{3}s <= max-lag 1\\.000s");
        assertThat(Answer.ask(replicaAgentPort, "/ignore-lag").body()).startsWith("MySQL answers (replica, lag 0.");
        assertThat(Answer.ask(replicaAgentPort, "/master")).extracting(Answer::status).isEqualTo(404);
        assertThat(Answer.ask(replicaAgentPort, "/")).isEqualTo(new Answer(404, "unknown check"));
    }

    @Test
    void theWriterIs404MasterOnCheckLag200OnIgnoreLagAndMaster() {
        assertThat(awaitAnswer(writerAgentPort, "/check-lag", 404).body()).isEqualTo("master");
        assertThat(awaitAnswer(writerAgentPort, "/ignore-lag", 200).body()).isEqualTo("MySQL answers (master)");
        assertThat(awaitAnswer(writerAgentPort, "/master", 200).body()).isEqualTo("master");
    }

    @Test
    void realHeartbeatLagIs503AboveMaxLagAndAPerRequestThresholdServesAnotherPool() throws IOException {
        mysql.delay(1, 3);
        try {
            Answer lagging = await("lag above 1s").atMost(CHANGE).pollInterval(Duration.ofMillis(100))
                    .until(() -> Answer.ask(replicaAgentPort, "/check-lag"), a -> a.body().startsWith("lagging: "));
            assertThat(lagging.status()).isEqualTo(503);
            assertThat(lagging.body()).matches("lagging: lag [1-9]\\.\\d{3}s > max-lag 1\\.000s");
            assertThat(Answer.ask(replicaAgentPort, "/check-lag?max-lag=30s").status()).isEqualTo(200);
            assertThat(Answer.ask(replicaAgentPort, "/check-lag?max_lag=30000").status()).isEqualTo(200);
            assertThat(Answer.ask(replicaAgentPort, "/ignore-lag").status()).isEqualTo(200);
        } finally {
            mysql.delay(1, 0);
        }
        assertThat(awaitAnswer(replicaAgentPort, "/check-lag", 200).body()).startsWith("lag ");
        assertThat(replicaAgent.stderr()).contains("fresh -> lagging: lag ").contains("lagging -> fresh: lag ");
    }

    @Test
    void aStoppedSqlThreadIs503UntilItRunsAgain() {
        mysql.stopSql(1);
        try {
            assertThat(awaitAnswer(replicaAgentPort, "/check-lag", 503).body())
                    .startsWith("lag unknown: replication SQL thread not running (Slave_SQL_Running is No)");
            assertThat(awaitAnswer(replicaAgentPort, "/ignore-lag", 200).body()).contains("lag unknown");
        } finally {
            mysql.startSql(1);
        }
        awaitAnswer(replicaAgentPort, "/check-lag", 200);
    }

    @Test
    void hintsOverrideTheMeasurementOnTheNextRequestAndNameThemselves() throws IOException {
        Files.writeString(hints.resolve("delayed"), "MASTER_DELAY=3600 for backups\n");
        assertThat(Answer.ask(replicaAgentPort, "/check-lag"))
                .isEqualTo(new Answer(404, "delayed hint: MASTER_DELAY=3600 for backups"));
        assertThat(Answer.ask(replicaAgentPort, "/ignore-lag").status()).isEqualTo(404);
        Files.createFile(hints.resolve("force-into"));
        assertThat(Answer.ask(replicaAgentPort, "/check-lag")).isEqualTo(new Answer(200, "force-into hint"));
        Files.createFile(hints.resolve("force-error"));
        assertThat(Answer.ask(replicaAgentPort, "/ignore-lag")).isEqualTo(new Answer(503, "force-error hint"));
        Files.createDirectory(hints.resolve("force-outside"));
        assertThat(Answer.ask(replicaAgentPort, "/check-lag")).isEqualTo(new Answer(404, "force-outside hint"));
        assertThat(Answer.ask(replicaAgentPort, "/master")).isEqualTo(new Answer(404, "force-outside hint"));
        Files.createFile(hints.resolve("master"));
        assertThat(Answer.ask(replicaAgentPort, "/check-lag").status()).isEqualTo(404);

        for (String f : new String[] {"force-outside", "force-error", "force-into", "delayed", "master"}) {
            Files.delete(hints.resolve(f));
        }
        assertThat(Answer.ask(replicaAgentPort, "/check-lag").status()).isEqualTo(200);
        assertThat(replicaAgent.isAlive()).isTrue();
    }

    @Test
    void aKilledMysqlIs503AndTheAgentReconnectsWhenItIsBack() throws IOException {
        int unreachableBefore = count(replicaAgent.stderr(), "-> unreachable");
        mysql.kill(1);
        try {
            Answer down = awaitAnswer(replicaAgentPort, "/ignore-lag", 503);
            assertThat(down.body()).containsAnyOf("MySQL unavailable: ", "no measurement for ");
            for (int i = 0; i < 20; i++) {
                assertThat(Answer.ask(replicaAgentPort, "/check-lag").status()).isEqualTo(503);
            }
        } finally {
            mysql.restart(1);
        }
        mysql.awaitReplicating(1);
        awaitAnswer(replicaAgentPort, "/check-lag", 200);
        // one line per state change, none per request or per reconnection attempt
        String log = replicaAgent.stderr();
        assertThat(count(log, "-> unreachable")).isEqualTo(unreachableBefore + 1);
        assertThat(log).contains("Connected to MySQL 127.0.0.1:" + mysql.replicaPort(1));
        assertThat(replicaAgent.isAlive()).isTrue();
    }

    @Test
    void aFrozenMysqlIsAnswered503AtOnceNeverWaitedFor() throws Exception {
        long pid = mysql.replica(1).pid();
        signal("STOP", pid);
        try {
            Answer frozen = awaitAnswer(replicaAgentPort, "/check-lag", 503);
            assertThat(frozen.body()).containsAnyOf("no measurement for ", "no answer within 1.000s");
            long begin = System.nanoTime();
            assertThat(Answer.ask(replicaAgentPort, "/ignore-lag").status()).isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(Duration.ofSeconds(2));
        } finally {
            signal("CONT", pid);
        }
        awaitAnswer(replicaAgentPort, "/check-lag", 200);
    }

    private static void signal(String name, long pid) throws Exception {
        Process k = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
        assertThat(k.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(k.exitValue()).isZero();
    }

    private static int count(String text, String what) {
        return text.split(java.util.regex.Pattern.quote(what), -1).length - 1;
    }

    @Test
    void havenChecksTheAgentsAsGithubsHaproxyDoes() throws Exception {
        Path socket = dir.resolve("haven.sock");
        int port = Net.freePort();
        Path cfg = dir.resolve("pools.cfg");
        Files.writeString(cfg, """
                global
                  stats socket %1$s level admin
                defaults
                  mode tcp
                  timeout connect 2s
                  timeout client 30s
                  timeout server 30s
                  timeout check 2s
                frontend mysql_ro
                  bind 127.0.0.1:%2$d
                  default_backend mysql_ro_main
                backend mysql_ro_main
                  option httpchk GET /check-lag
                  http-check disable-on-404
                  default-server fall 2 inter 200 rise 1 downinter 200 on-marked-down shutdown-sessions weight 10
                  server replica1 127.0.0.1:%3$d check port %4$d
                  server primary 127.0.0.1:%5$d check port %6$d
                """.formatted(socket, port, mysql.replicaPort(1), replicaAgentPort, mysql.primaryPort(), writerAgentPort));
        try (HavenProcess haven = HavenProcess.start(dir, cfg, port)) {
            String main = "mysql_ro_main";
            await("replica UP, writer NOLB (404 master)").atMost(CHANGE).until(() -> ShowStat.of(dir, socket),
                    s -> s.get(main, "replica1", "status").equals("UP") && s.get(main, "primary", "status").equals("NOLB"));

            mysql.stopSql(1);
            try {
                ShowStat down = await("replica DOWN").atMost(CHANGE).until(() -> ShowStat.of(dir, socket),
                        s -> s.get(main, "replica1", "status").equals("DOWN"));
                assertThat(down.get(main, "replica1", "check_code")).isEqualTo("503");
            } finally {
                mysql.startSql(1);
            }
            await("replica UP again").atMost(CHANGE).until(() -> ShowStat.of(dir, socket),
                    s -> s.get(main, "replica1", "status").equals("UP"));

            Files.createFile(hints.resolve("force-outside"));
            await("replica NOLB by hint").atMost(CHANGE).until(() -> ShowStat.of(dir, socket),
                    s -> s.get(main, "replica1", "status").equals("NOLB"));
            Files.delete(hints.resolve("force-outside"));
            await("replica UP after the hint").atMost(CHANGE).until(() -> ShowStat.of(dir, socket),
                    s -> s.get(main, "replica1", "status").equals("UP"));
        }
    }

    /**
     * The weakness of per-host agents: a killed agent takes a healthy replica out of GitHub's
     * pool (HAProxy's check fails at layer 4). Haven's native lag check has no agent to lose:
     * the same replica stays in a pool checked natively.
     */
    @Test
    void aKilledAgentTakesItsReplicaOutWhereTheNativeCheckKeepsIt() throws Exception {
        Path password = Files.writeString(dir.resolve("password-kill"), ReplicaSet.HAVEN_PASSWORD);
        int doomedPort = Net.freePort();
        HavenProcess doomed = agent(doomedPort, mysql.replicaPort(1), password, "--heartbeat", ReplicaSet.HEARTBEAT_TABLE);
        Path socket = dir.resolve("kill.sock");
        int port = Net.freePort();
        Path cfg = dir.resolve("kill.cfg");
        Files.writeString(cfg, """
                global
                  stats socket %1$s level admin
                defaults
                  mode tcp
                  timeout connect 2s
                  timeout client 30s
                  timeout server 30s
                  timeout check 1s
                  default-server check inter 200ms fall 2 rise 1
                listen by_agent
                  bind 127.0.0.1:%2$d
                  option httpchk GET /check-lag
                  server replica1 127.0.0.1:%3$d port %4$d
                backend native
                  option mysql-lag-check user %5$s password-file %6$s max-lag 1s
                  server replica1 127.0.0.1:%3$d
                """.formatted(socket, port, mysql.replicaPort(1), doomedPort, ReplicaSet.HAVEN_USER, password));
        try (HavenProcess haven = HavenProcess.start(dir, cfg, port)) {
            await("UP in both pools").atMost(CHANGE).until(() -> ShowStat.of(dir, socket),
                    s -> s.get("by_agent", "replica1", "status").equals("UP") && s.get("native", "replica1", "status").equals("UP"));
            doomed.signal("KILL");
            ShowStat after = await("agent's replica DOWN").atMost(CHANGE).until(() -> ShowStat.of(dir, socket),
                    s -> s.get("by_agent", "replica1", "status").equals("DOWN"));
            assertThat(after.get("by_agent", "replica1", "check_status")).isEqualTo("L4CON");
            assertThat(after.get("native", "replica1", "status")).isEqualTo("UP");
        } finally {
            doomed.close();
        }
    }

    @Test
    void sigtermStopsAnAgentCleanly() throws Exception {
        int port = Net.freePort();
        Path password = Files.writeString(dir.resolve("password-stop"), ReplicaSet.HAVEN_PASSWORD);
        HavenProcess p = agent(port, mysql.primaryPort(), password);
        try {
            awaitAnswer(port, "/master", 200);
            p.signal("TERM");
            assertThat(p.awaitExit(Duration.ofSeconds(20))).isZero();
            assertThat(p.stderr()).contains("haven agent stopped");
        } finally {
            p.close();
        }
    }

    @Test
    void badArgumentsAreRefusedWithWhatWouldBeAccepted() throws Exception {
        HavenProcess.Result r = HavenProcess.run(dir, "agent", "--listen", "127.0.0.1:1", "--mysql", "127.0.0.1:3306",
                "--user", "u", "--password-file", dir.resolve("password").toString(), "--max-lag", "soon");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.stderr()).contains("--max-lag: 'soon' is not a time");
    }
}
