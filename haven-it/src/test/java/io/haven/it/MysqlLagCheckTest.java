package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import io.haven.it.support.ReplicaSet;
import io.haven.it.support.ShowStat;
import io.haven.it.support.ThroughHaven;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code option mysql-lag-check} against real MariaDB replication (a primary and three replicas,
 * a pt-heartbeat writer every 100 ms): lag measured by Haven itself takes a replica out of the
 * balancer and brings it back; the writer is never excluded for lag.
 */
class MysqlLagCheckTest {
    @TempDir
    static Path dir;
    static ReplicaSet set;
    static HavenProcess haven;
    static int port;
    static int strictPort;
    static Path socket;

    @BeforeAll
    static void start() throws Exception {
        set = ReplicaSet.start(dir.resolve("mysql"), 3);
        set.startHeartbeat();
        port = Net.freePort();
        strictPort = Net.freePort();
        socket = dir.resolve("admin.sock");
        Path password = dir.resolve("haven.pw");
        Files.writeString(password, ReplicaSet.HAVEN_PASSWORD + "\n");
        Path cfg = dir.resolve("lag.cfg");
        Files.writeString(cfg, """
                global
                    stats socket %1$s level admin
                    log stdout format raw local0
                defaults
                    mode tcp
                    log global
                    timeout connect 1s
                    timeout client 30s
                    timeout server 30s
                listen mysql_ro
                    bind 127.0.0.1:%2$d
                    option mysql-lag-check user haven password-file %3$s max-lag 1s back-in 500ms
                    timeout check 1s
                    retries 3
                    option redispatch 1
                    retry-on conn-failure empty-response
                    default-server check inter 100ms fall 3 rise 1 drain-deadline 1500ms
                    server w 127.0.0.1:%4$d
                    server r1 127.0.0.1:%5$d
                    server r2 127.0.0.1:%6$d
                    server r3 127.0.0.1:%7$d
                listen strict
                    bind 127.0.0.1:%8$d
                    option mysql-lag-check user haven password-file %3$s max-lag 1s back-in 500ms on-empty refuse
                    timeout check 1s
                    default-server check inter 100ms fall 3 rise 1
                    server r1 127.0.0.1:%5$d
                    server r2 127.0.0.1:%6$d
                    server r3 127.0.0.1:%7$d
                """.formatted(socket, port, password, set.primaryPort(), set.replicaPort(1), set.replicaPort(2),
                set.replicaPort(3), strictPort));
        haven = HavenProcess.start(dir, cfg, port, strictPort);
        ThroughHaven.awaitStatus(socket, "mysql_ro", "w", "UP");
        for (int i = 1; i <= 3; i++) {
            ThroughHaven.awaitStatus(socket, "mysql_ro", "r" + i, "UP");
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

    @Test
    void whenNoReplicaIsFreshTheWriterServesOrAClientIsRefusedWithAClearError() throws Exception {
        for (int i = 1; i <= 3; i++) {
            set.stopSql(i);
        }
        try {
            for (int i = 1; i <= 3; i++) {
                ThroughHaven.awaitStatus(socket, "strict", "r" + i, "NOLB");
                ThroughHaven.awaitStatus(socket, "mysql_ro", "r" + i, "NOLB");
            }
            assertThat(ThroughHaven.serverIds(port, 6)).containsOnly(set.primaryServerId());
            assertThatThrownBy(() -> ThroughHaven.connect(strictPort).close())
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getErrorCode()).isEqualTo(1105))
                    .hasMessageContaining("Haven: no server of backend 'strict' can take the connection: no replica within max-lag 1000ms is up");
        } finally {
            for (int i = 1; i <= 3; i++) {
                set.startSql(i);
            }
        }
        for (int i = 1; i <= 3; i++) {
            ThroughHaven.awaitStatus(socket, "strict", "r" + i, "UP");
        }
        assertThat(ThroughHaven.serverIds(strictPort, 12)).containsExactlyInAnyOrder(set.serverId(1), set.serverId(2), set.serverId(3));
    }

    @Test
    void aKilledReplicaCostsNewClientsNothingAndServesAgainOnceRestarted() throws Exception {
        set.kill(3);
        try {
            // every connection opened after the kill succeeds: the ones sent to r3 before its
            // check fails are redispatched (option redispatch 1) instead of failing
            assertThat(ThroughHaven.serverIds(port, 30)).doesNotContain(set.serverId(3)).contains(set.serverId(1), set.serverId(2));
            ThroughHaven.awaitStatus(socket, "mysql_ro", "r3", "DOWN");
            assertThat(ThroughHaven.stat(socket).getLong("mysql_ro", "BACKEND", "wredis")).isPositive();
        } finally {
            set.restart(3);
        }
        ThroughHaven.awaitStatus(socket, "mysql_ro", "r3", "UP");
        assertThat(ThroughHaven.serverIds(port, 16)).contains(set.serverId(3));
    }

    @Test
    void freshReplicasServeAndShowTheirLag() throws Exception {
        ShowStat s = ThroughHaven.stat(socket);
        for (int i = 1; i <= 3; i++) {
            assertThat(s.get("mysql_ro", "r" + i, "check_status")).isEqualTo("L7OK");
            assertThat(s.get("mysql_ro", "r" + i, "last_chk")).startsWith("replication lag 0.");
        }
        assertThat(s.get("mysql_ro", "w", "last_chk")).contains("writer");
        assertThat(ThroughHaven.serverIds(port, 16)).contains(set.serverId(1), set.serverId(2), set.serverId(3));
    }

    @Test
    void aReplicaWithAStoppedSqlThreadLeavesAtOnceAndComesBack() throws Exception {
        set.stopSql(2);
        try {
            ThroughHaven.awaitStatus(socket, "mysql_ro", "r2", "NOLB");
            assertThat(ThroughHaven.stat(socket).get("mysql_ro", "r2", "last_chk")).contains("Slave_SQL_Running=No");
            assertThat(ThroughHaven.serverIds(port, 12)).doesNotContain(set.serverId(2));
            assertThat(haven.stdout()).contains("Server mysql_ro/r2 is stopping, reason: Layer7 check conditionally passed");
        } finally {
            set.startSql(2);
        }
        ThroughHaven.awaitStatus(socket, "mysql_ro", "r2", "UP");
        assertThat(ThroughHaven.serverIds(port, 16)).contains(set.serverId(2));
    }

    @Test
    void connectionsOnAnExcludedReplicaMayFinishUntilTheDrainDeadline() throws Exception {
        java.util.List<Connection> opened = new java.util.ArrayList<>();
        Connection onR1 = null;
        try {
            for (int i = 0; i < 40 && onR1 == null; i++) {
                Connection c = ThroughHaven.connect(port);
                opened.add(c);
                if (ThroughHaven.serverId(c) == set.serverId(1)) {
                    onR1 = c;
                }
            }
            assertThat(onR1).as("a connection landed on r1").isNotNull();
            set.stopSql(1);
            ThroughHaven.awaitStatus(socket, "mysql_ro", "r1", "NOLB");
            assertThat(ThroughHaven.serverId(onR1)).as("still served right after leaving the balancer").isEqualTo(set.serverId(1));
            Connection held = onR1;
            await("closed by the drain deadline").atMost(Duration.ofSeconds(10)).until(() -> {
                try {
                    ThroughHaven.serverId(held);
                    return false;
                } catch (java.sql.SQLException e) {
                    return true;
                }
            });
            assertThat(haven.stderr()).contains("after drain-deadline 1500 ms: closed");
        } finally {
            set.startSql(1);
            for (Connection c : opened) {
                c.close();
            }
        }
        ThroughHaven.awaitStatus(socket, "mysql_ro", "r1", "UP");
    }

    @Test
    void realLagAboveMaxLagExcludesAReplicaUntilItIsBelowBackIn() throws Exception {
        set.delay(3, 3);
        try {
            ThroughHaven.awaitStatus(socket, "mysql_ro", "r3", "NOLB");
            // delay() restarts the replication threads: the first exclusion may be for a stopped thread
            await("r3 excluded for its measured lag").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                    .until(() -> ThroughHaven.stat(socket).get("mysql_ro", "r3", "last_chk").matches("replication lag \\d+\\.\\d{3}s over .*")
                            && ThroughHaven.stat(socket).get("mysql_ro", "r3", "status").equals("NOLB"));
            assertThat(ThroughHaven.serverIds(port, 12)).doesNotContain(set.serverId(3));
        } finally {
            set.delay(3, 0);
        }
        ThroughHaven.awaitStatus(socket, "mysql_ro", "r3", "UP");
    }

    @Test
    void theWriterIsNeverExcludedForLag() throws Exception {
        set.stopHeartbeat();
        try {
            for (int i = 1; i <= 3; i++) {
                ThroughHaven.awaitStatus(socket, "mysql_ro", "r" + i, "NOLB");
            }
            assertThat(ThroughHaven.stat(socket).get("mysql_ro", "w", "status")).isEqualTo("UP");
            assertThat(ThroughHaven.serverIds(port, 6)).containsOnly(set.primaryServerId());
        } finally {
            set.startHeartbeat();
        }
        for (int i = 1; i <= 3; i++) {
            ThroughHaven.awaitStatus(socket, "mysql_ro", "r" + i, "UP");
        }
    }
}
