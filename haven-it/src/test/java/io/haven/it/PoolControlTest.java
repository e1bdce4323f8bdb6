package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import io.haven.it.support.ReplicaSet;
import io.haven.it.support.ShowStat;
import io.haven.it.support.StatsSocketClient;
import io.haven.it.support.ThroughHaven;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Human control of a lag-checked pool through the runtime API, against real replication: an
 * operator forces a lagging replica in and a fresh one out with a reason; {@code show pools}
 * says who, when and why; the override survives a reload (SIGHUP); {@code auto} hands the
 * server back to the checks; an operator-level socket may look but not change.
 */
class PoolControlTest {
    private static final String WHEN = "20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

    @TempDir
    static Path dir;
    static ReplicaSet set;
    static HavenProcess haven;
    static int port;
    static Path adminSocket;
    static Path operatorSocket;

    @BeforeAll
    static void start() throws Exception {
        set = ReplicaSet.start(dir.resolve("mysql"), 3);
        set.startHeartbeat();
        port = Net.freePort();
        adminSocket = dir.resolve("admin.sock");
        operatorSocket = dir.resolve("operator.sock");
        Path password = dir.resolve("haven.pw");
        Files.writeString(password, ReplicaSet.HAVEN_PASSWORD);
        Path cfg = dir.resolve("pools.cfg");
        Files.writeString(cfg, """
                global
                    stats socket %1$s level admin
                    stats socket %2$s level operator
                    log stdout format raw local0
                defaults
                    mode tcp
                    log global
                    timeout connect 1s
                    timeout client 30s
                    timeout server 30s
                listen mysql_ro
                    bind 127.0.0.1:%3$d
                    option mysql-lag-check user haven password-file %4$s max-lag 1s back-in 500ms
                    timeout check 1s
                    default-server check inter 100ms fall 3 rise 1
                    server r1 127.0.0.1:%5$d
                    server r2 127.0.0.1:%6$d
                    server r3 127.0.0.1:%7$d
                """.formatted(adminSocket, operatorSocket, port, password, set.replicaPort(1), set.replicaPort(2),
                set.replicaPort(3)));
        haven = HavenProcess.start(dir, cfg, port);
        for (int i = 1; i <= 3; i++) {
            awaitStatus("r" + i, "UP");
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (haven != null) {
            haven.close();
        }
        if (set != null) {
            set.close();
        }
    }

    private static String admin(String command) throws Exception {
        return StatsSocketClient.exchange(adminSocket.toString(), command);
    }

    private static void awaitStatus(String server, String status) {
        await(server + " " + status).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> ShowStat.parse(admin("show stat")).get("mysql_ro", server, "status").equals(status));
    }

    /** The server's line of {@code show pools mysql_ro}. */
    private static String poolRow(String server) throws Exception {
        return admin("show pools mysql_ro").lines().filter(l -> l.startsWith(server + " ")).findFirst().orElseThrow();
    }

    private static String by() {
        return "unix:" + Pattern.quote(adminSocket.toString()) + "\\(admin\\)";
    }

    private static long reloads() {
        return haven.stderr().lines().filter(l -> l.contains("reloaded: generation")).count();
    }

    @Test
    void aLaggingReplicaForcedInIsServedUntilAutoHandsItBackToTheLagCheck() throws Exception {
        set.stopSql(2);
        try {
            awaitStatus("r2", "NOLB");
            assertThat(admin("set server mysql_ro/r2 pool in reason stale reads accepted, ticket 42")).isEqualTo("\n");
            awaitStatus("r2", "UP (forced in)");
            assertThat(ThroughHaven.serverIds(port, 16)).contains(set.serverId(2));
            assertThat(poolRow("r2")).matches("r2 UP unknown yes in \"stale reads accepted, ticket 42\" " + by() + " " + WHEN);
            assertThat(admin("show pools")).contains("# pool mysql_ro: 2/3 fresh, min-servers 0, max-lag 1.000s");
            assertThat(haven.stdout()).contains("Server mysql_ro/r2 forced into the pool by unix:" + adminSocket
                    + " (admin): reason \"stale reads accepted, ticket 42\"; NOLB -> UP.");

            assertThat(admin("set server mysql_ro/r2 pool auto")).isEqualTo("\n");
            awaitStatus("r2", "NOLB");
            assertThat(ThroughHaven.serverIds(port, 12)).doesNotContain(set.serverId(2));
            assertThat(poolRow("r2")).isEqualTo("r2 NOLB unknown no auto - - -");
        } finally {
            admin("set server mysql_ro/r2 pool auto");
            set.startSql(2);
        }
        awaitStatus("r2", "UP");
    }

    @Test
    void aFreshReplicaForcedOutKeepsItsConnectionsTakesNoNewOnesAndStaysOutAcrossAReload() throws Exception {
        List<Connection> opened = new ArrayList<>();
        try {
            Connection onR1 = null;
            for (int i = 0; i < 40 && onR1 == null; i++) {
                Connection c = ThroughHaven.connect(port);
                opened.add(c);
                onR1 = ThroughHaven.serverId(c) == set.serverId(1) ? c : null;
            }
            assertThat(onR1).as("a connection landed on r1").isNotNull();
            assertThat(admin("set server mysql_ro/r1 pool out reason reindexing")).isEqualTo("\n");
            awaitStatus("r1", "DRAIN (forced out)");
            assertThat(ThroughHaven.serverId(onR1)).as("an open connection finishes its work").isEqualTo(set.serverId(1));
            assertThat(ThroughHaven.serverIds(port, 12)).doesNotContain(set.serverId(1));
            String row = poolRow("r1");
            assertThat(row).matches("r1 DRAIN \\d+\\.\\d{3}s no out \"reindexing\" " + by() + " " + WHEN);
            String override = row.substring(row.indexOf(" out "));

            long before = reloads();
            haven.signal("HUP");
            await("reloaded").atMost(Duration.ofSeconds(20)).until(() -> reloads() > before);
            assertThat(poolRow("r1")).as("reason, who and when carried over").endsWith(override);
            awaitStatus("r1", "DRAIN (forced out)");
            assertThat(ThroughHaven.serverIds(port, 12)).doesNotContain(set.serverId(1));

            assertThat(admin("set server mysql_ro/r1 pool auto")).isEqualTo("\n");
            awaitStatus("r1", "UP");
            assertThat(ThroughHaven.serverIds(port, 16)).contains(set.serverId(1));
            assertThat(haven.stdout()).contains("Server mysql_ro/r1 returned to the checks' judgement by unix:"
                    + adminSocket + " (admin), no reason given; DRAIN -> UP.");
        } finally {
            admin("set server mysql_ro/r1 pool auto");
            for (Connection c : opened) {
                c.close();
            }
        }
    }

    @Test
    void anOperatorLevelSocketMayReadPoolsButNotChangeThem() throws Exception {
        String operator = operatorSocket.toString();
        assertThat(StatsSocketClient.exchange(operator, "set server mysql_ro/r3 pool out reason nope"))
                .isEqualTo("Permission denied\n\n");
        assertThat(StatsSocketClient.exchange(operator, "show pools mysql_ro"))
                .startsWith("# pool mysql_ro: ").contains("\nr3 UP ").contains(" auto - - -\n");
        assertThat(poolRow("r3")).endsWith(" auto - - -");
    }
}
