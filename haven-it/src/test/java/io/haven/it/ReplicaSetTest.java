package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.ReplicaSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ReplicaSet} does what the lag-aware pool tests will rely on, with real MariaDB
 * replication: one primary and three replicas replicate rows; the pt-heartbeat row is fresh on
 * healthy replicas; a stopped SQL thread, a killed replica and MASTER_DELAY make real lag, and
 * undoing them brings the replica back. Each test leaves the set healthy for the next.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaSetTest {
    private static final int REPLICAS = 3;
    private static final double FRESH = 1.0;
    private static final Duration LAG_CHANGE = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(100);

    @TempDir
    static Path dir;
    static ReplicaSet set;

    @BeforeAll
    static void start() {
        set = ReplicaSet.start(dir.resolve("set"), REPLICAS);
        System.out.printf("ReplicaSet 1+%d started in %d ms%n", REPLICAS, set.startupTime().toMillis());
        set.startHeartbeat();
    }

    @AfterAll
    static void stop() {
        if (set != null) {
            set.close();
        }
    }

    @Test
    @Order(1)
    void replicasAreReadOnlyGtidReplicasOfThePrimaryWithTheirOwnServerIds() throws SQLException {
        Set<Integer> ids = new HashSet<>();
        ids.add(set.primaryServerId());
        try (Connection c = set.connectPrimary()) {
            assertThat(queryOne(c, "SELECT @@server_id")).isEqualTo(String.valueOf(set.primaryServerId()));
            assertThat(queryOne(c, "SELECT @@read_only")).isEqualTo("0");
            assertThat(queryOne(c, "SELECT @@log_bin")).isEqualTo("1");
            assertThat(queryOne(c, "SELECT @@binlog_format")).isEqualTo("ROW");
        }
        for (int i = 1; i <= REPLICAS; i++) {
            try (Connection c = set.connectReplica(i)) {
                assertThat(queryOne(c, "SELECT @@server_id")).isEqualTo(String.valueOf(set.serverId(i)));
                assertThat(queryOne(c, "SELECT @@read_only")).isEqualTo("1");
                assertThat(queryOne(c, "SELECT @@log_bin")).isEqualTo("1");
            }
            ids.add(set.serverId(i));
            Map<String, String> status = set.slaveStatus(i);
            assertThat(status).containsEntry("Slave_IO_Running", "Yes").containsEntry("Slave_SQL_Running", "Yes")
                    .containsEntry("Using_Gtid", "Slave_Pos").containsEntry("Master_Host", "127.0.0.1")
                    .containsEntry("Master_Port", String.valueOf(set.primaryPort()))
                    .containsEntry("Master_Server_Id", String.valueOf(set.primaryServerId()));
            assertThat(set.replicaPort(i)).isNotEqualTo(set.primaryPort());
        }
        assertThat(ids).hasSize(REPLICAS + 1);
    }

    @Test
    @Order(2)
    void rowsWrittenOnThePrimaryAppearOnEveryReplica() {
        set.primary().sql("CREATE TABLE fixture.items (id int NOT NULL PRIMARY KEY, name varchar(32) NOT NULL)",
                "INSERT INTO fixture.items VALUES (1, 'one'), (2, 'two'), (3, 'three')",
                "UPDATE fixture.items SET name = 'TWO' WHERE id = 2",
                "DELETE FROM fixture.items WHERE id = 3");
        for (int i = 1; i <= REPLICAS; i++) {
            int replica = i;
            await("the items on replica " + i).atMost(LAG_CHANGE).pollInterval(POLL).untilAsserted(() ->
                    assertThat(set.replica(replica).query("SELECT id, name FROM fixture.items ORDER BY id"))
                            .containsExactly("1\tone", "2\tTWO"));
        }
    }

    @Test
    @Order(3)
    void replicasRefuseWritesFromAccountsWithoutReadOnlyAdmin() throws SQLException {
        set.primary().sql("CREATE TABLE fixture.notes (id int NOT NULL PRIMARY KEY)",
                "CREATE USER 'writer'@'127.0.0.1' IDENTIFIED BY 'writerpw'",
                "GRANT SELECT, INSERT ON fixture.* TO 'writer'@'127.0.0.1'");
        set.awaitCaughtUp(1);
        try (Connection c = connect(set.primaryPort(), "writer", "writerpw"); Statement st = c.createStatement()) {
            assertThat(st.executeUpdate("INSERT INTO fixture.notes VALUES (1)")).isEqualTo(1);
        }
        try (Connection c = connect(set.replicaPort(1), "writer", "writerpw"); Statement st = c.createStatement()) {
            assertThatThrownBy(() -> st.executeUpdate("INSERT INTO fixture.notes VALUES (2)"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("--read-only");
        }
        set.awaitCaughtUp(1);
        assertThat(set.replica(1).query("SELECT id FROM fixture.notes")).containsExactly("1");
    }

    @Test
    @Order(4)
    void theHeartbeatTableAndRowAreThoseOfPtHeartbeat() throws SQLException {
        await("heartbeat writes").atMost(LAG_CHANGE).pollInterval(POLL).until(() -> set.heartbeatWrites() >= 3);
        List<String> columns = new ArrayList<>();
        try (Connection c = set.connectReplica(1); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_KEY"
                        + " FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = 'heartbeat' AND TABLE_NAME = 'heartbeat'"
                        + " ORDER BY ORDINAL_POSITION")) {
            while (rs.next()) {
                columns.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
            }
        }
        assertThat(columns).containsExactly(
                "ts varchar(26) NO ",
                "server_id int(10) unsigned NO PRI",
                "file varchar(255) YES ",
                "position bigint(20) unsigned YES ",
                "relay_master_log_file varchar(255) YES ",
                "exec_master_log_pos bigint(20) unsigned YES ");

        assertThat(set.heartbeatTs(1)).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}");
        await("file and position on replica 2").atMost(LAG_CHANGE).pollInterval(POLL).untilAsserted(() ->
                assertThat(set.replica(2).query("SELECT server_id, file, position > 0 FROM heartbeat.heartbeat"))
                        .containsExactly(set.primaryServerId() + "\tprimary-bin.000001\t1"));
        assertThat(set.lastHeartbeatError()).isNull();
    }

    @Test
    @Order(5)
    void havensAccountCanReadSlaveStatusAndTheHeartbeatButNothingElse() throws SQLException {
        try (Connection c = havenConnection(set.replicaPort(3)); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SHOW SLAVE STATUS")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString("Slave_IO_Running")).isEqualTo("Yes");
                assertThat(rs.getString("Slave_SQL_Running")).isEqualTo("Yes");
                assertThat(rs.getString("Seconds_Behind_Master")).isNotNull();
            }
            try (ResultSet rs = st.executeQuery("SELECT ts FROM heartbeat.heartbeat WHERE server_id = "
                    + set.primaryServerId())) {
                assertThat(rs.next()).isTrue();
            }
            assertThatThrownBy(() -> st.executeQuery("SELECT * FROM fixture.marker"))
                    .isInstanceOf(SQLException.class).hasMessageContaining("denied");
        }
    }

    @Test
    @Order(6)
    void healthyReplicasStayUnderOneSecondOfLag() {
        await("every replica fresh for 2 s").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .pollInterval(POLL).until(() -> allFresh(1, 2, 3));
    }

    @Test
    @Order(7)
    void aStoppedSqlThreadFallsBehindWhileTheOthersStayFresh() {
        set.stopSql(1);
        try {
            await("replica 1 lagging").atMost(LAG_CHANGE).pollInterval(POLL)
                    .until(() -> set.lagSeconds(1) > FRESH);
            await("replica 1 lagging more and more, 2 and 3 fresh").atMost(LAG_CHANGE).pollInterval(POLL)
                    .untilAsserted(() -> {
                        assertThat(set.lagSeconds(2)).isLessThan(FRESH);
                        assertThat(set.lagSeconds(3)).isLessThan(FRESH);
                        assertThat(set.lagSeconds(1)).isGreaterThan(2.0);
                    });
            Map<String, String> status = set.slaveStatus(1);
            assertThat(status).containsEntry("Slave_IO_Running", "Yes").containsEntry("Slave_SQL_Running", "No");
        } finally {
            set.startSql(1);
        }
        await("replica 1 fresh again").atMost(LAG_CHANGE).pollInterval(POLL).until(() -> set.lagSeconds(1) < FRESH);
        set.awaitReplicating(1);
    }

    @Test
    @Order(8)
    void aKilledReplicaResumesReplicationAfterRestart() {
        int port = set.replicaPort(2);
        long pid = set.replica(2).pid();
        set.kill(2);
        assertThat(set.isAlive(2)).isFalse();
        assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty();
        assertThatThrownBy(() -> set.lagSeconds(2)).isInstanceOf(IllegalStateException.class);

        // the primary goes on: rows and heartbeats the dead replica misses
        set.primary().sql("CREATE TABLE fixture.while_down (id int NOT NULL PRIMARY KEY)",
                "INSERT INTO fixture.while_down VALUES (1), (2), (3)");
        assertThat(set.lagSeconds(1)).isLessThan(FRESH);

        set.restart(2);
        assertThat(set.replicaPort(2)).isEqualTo(port);
        assertThat(set.replica(2).pid()).isNotEqualTo(pid);
        set.awaitReplicating(2);
        await("replica 2 fresh after restart").atMost(LAG_CHANGE).pollInterval(POLL)
                .until(() -> set.lagSeconds(2) < FRESH);
        set.awaitCaughtUp(2);
        assertThat(set.replica(2).query("SELECT COUNT(*) FROM fixture.while_down")).containsExactly("3");
        assertThat(set.slaveStatus(2)).containsEntry("Using_Gtid", "Slave_Pos").containsEntry("Last_SQL_Errno", "0");
    }

    @Test
    @Order(9)
    void masterDelayOfTwoSecondsKeepsTheReplicaAboutTwoSecondsBehind() {
        set.delay(3, 2);
        try {
            assertThat(set.slaveStatus(3)).containsEntry("SQL_Delay", "2");
            await("replica 3 delayed").atMost(LAG_CHANGE).pollInterval(POLL).until(() -> set.lagSeconds(3) >= 1.0);
            // MariaDB delays from the events' whole-second timestamps: the lag saws between ~1.1 and ~2.1 s
            double[] max = {0};
            await("replica 3 between 0.9 and 3 s behind for 3 s").during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(10)).pollInterval(POLL).until(() -> {
                        double lag = set.lagSeconds(3);
                        max[0] = Math.max(max[0], lag);
                        return lag >= 0.9 && lag < 3.0;
                    });
            assertThat(max[0]).isGreaterThanOrEqualTo(1.8);
            assertThat(allFresh(1, 2)).isTrue();
        } finally {
            set.delay(3, 0);
        }
        assertThat(set.slaveStatus(3)).containsEntry("SQL_Delay", "0");
        await("replica 3 fresh again").atMost(LAG_CHANGE).pollInterval(POLL).until(() -> set.lagSeconds(3) < FRESH);
    }

    @Test
    @Order(10)
    void closeStopsEveryServerAndDeletesTheWorkDirAndMayBeRepeated(@TempDir Path tmp) {
        Path work = tmp.resolve("small");
        ReplicaSet small = ReplicaSet.start(work, 1);
        List<Long> pids = List.of(small.primary().pid(), small.replica(1).pid());
        small.startHeartbeat();
        await("a heartbeat on the small set").atMost(LAG_CHANGE).pollInterval(POLL)
                .until(() -> small.lagSeconds(1) < FRESH);

        small.close();
        small.close();

        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).isEmpty());
        assertThat(work).doesNotExist();
        assertThatThrownBy(() -> small.replica(1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    @Order(11)
    void aStartThatFailsHalfWayLeavesNoServerRunning(@TempDir Path tmp) throws Exception {
        Path work = tmp.resolve("broken");
        // replica 2 cannot start (its data dir is not empty); the primary and replica 1 can
        Files.createDirectories(work.resolve("replica2/data"));
        Files.writeString(work.resolve("replica2/data/leftover"), "x");

        assertThatThrownBy(() -> ReplicaSet.start(work, 2)).hasMessageContaining("is not empty");

        assertThat(mariadbdsUnder(work)).isEmpty();
        assertThat(work).doesNotExist();
    }

    private static boolean allFresh(int... replicas) {
        for (int i : replicas) {
            if (set.lagSeconds(i) >= FRESH) {
                return false;
            }
        }
        return true;
    }

    /** Live mariadbd processes of this JVM whose data dir lies under {@code dir}. */
    private static List<ProcessHandle> mariadbdsUnder(Path dir) {
        String marker = "--datadir=" + dir.toAbsolutePath();
        return ProcessHandle.current().descendants()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info().arguments().map(args -> List.of(args).stream().anyMatch(a -> a.startsWith(marker)))
                        .orElse(false))
                .toList();
    }

    private static Connection havenConnection(int port) throws SQLException {
        return connect(port, ReplicaSet.HAVEN_USER, ReplicaSet.HAVEN_PASSWORD);
    }

    private static Connection connect(int port, String user, String password) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/?connectTimeout=2000", user, password);
    }

    private static String queryOne(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }
}
