package io.haven.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.mysql.ResultSet;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** From resultsets to measurements: roles, stopped threads, NULLs, both column namings, heartbeat. */
class ReplicationProbeTest {
    static final long NOW = 42L;
    static final List<String> SLAVE = List.of("Slave_IO_State", "Slave_IO_Running", "Slave_SQL_Running",
            "Last_IO_Error", "Last_SQL_Error", "Seconds_Behind_Master");
    static final List<String> REPLICA = List.of("Replica_IO_Running", "Replica_SQL_Running", "Seconds_Behind_Source");

    static ResultSet status(List<String> columns, List<?>... rows) {
        @SuppressWarnings("unchecked")
        List<List<String>> r = Arrays.asList((List<String>[]) rows);
        return new ResultSet(columns, r, 0);
    }

    static List<String> row(String... cells) {
        return Arrays.asList(cells);
    }

    @Test
    void runningThreadsAndSecondsBehindGiveTheLag() {
        ResultSet s = status(SLAVE, row("Waiting", "Yes", "Yes", "", "", "3"));
        assertThat(ReplicationProbe.threadsProblem(s)).isNull();
        assertThat(ReplicationProbe.fromSecondsBehind(s, NOW)).isEqualTo(Measurement.replica(Duration.ofSeconds(3), NOW));
    }

    @Test
    void aStoppedSqlThreadMakesTheLagUnknownWithTheLastError() {
        ResultSet s = status(SLAVE, row("Waiting", "Yes", "No", "", "Error 'Duplicate entry' on query", "0"));
        assertThat(ReplicationProbe.threadsProblem(s))
                .isEqualTo("replication SQL thread not running (Slave_SQL_Running is No): Error 'Duplicate entry' on query");
    }

    @Test
    void aConnectingIoThreadIsNotRunning() {
        ResultSet s = status(SLAVE, row("Connecting", "Connecting", "Yes", "error connecting", "", null));
        assertThat(ReplicationProbe.threadsProblem(s))
                .isEqualTo("replication IO thread not running (Slave_IO_Running is Connecting): error connecting");
    }

    @Test
    void nullSecondsBehindIsUnknownNeverFresh() {
        ResultSet s = status(SLAVE, row("", "Yes", "Yes", "", "", null));
        assertThat(ReplicationProbe.fromSecondsBehind(s, NOW))
                .isEqualTo(Measurement.lagUnknown("Seconds_Behind_Master is NULL", NOW));
    }

    @Test
    void mysql8ColumnNamesAreUnderstood() {
        ResultSet s = status(REPLICA, row("Yes", "Yes", "7"));
        assertThat(ReplicationProbe.threadsProblem(s)).isNull();
        assertThat(ReplicationProbe.fromSecondsBehind(s, NOW).lag()).isEqualTo(Duration.ofSeconds(7));
        assertThat(ReplicationProbe.threadsProblem(status(REPLICA, row("Yes", "No", null))))
                .startsWith("replication SQL thread not running (Replica_SQL_Running is No)");
    }

    @Test
    void withSeveralChannelsTheWorstCounts() {
        ResultSet s = status(REPLICA, row("Yes", "Yes", "2"), row("Yes", "Yes", "9"), row("Yes", "Yes", "0"));
        assertThat(ReplicationProbe.fromSecondsBehind(s, NOW).lag()).isEqualTo(Duration.ofSeconds(9));
        assertThat(ReplicationProbe.threadsProblem(status(REPLICA, row("Yes", "Yes", "2"), row("No", "Yes", null))))
                .startsWith("replication IO thread not running");
    }

    @Test
    void missingColumnsAreUnknownNotFresh() {
        ResultSet s = status(List.of("Something_Else"), row("x"));
        assertThat(ReplicationProbe.threadsProblem(s)).startsWith("replication IO thread not running (IO_Running is NULL)");
        assertThat(ReplicationProbe.fromSecondsBehind(s, NOW).lag()).isNull();
    }

    @Test
    void theHeartbeatCellIsMicroseconds() {
        ResultSet hb = status(List.of("lag"), row("1250000"));
        assertThat(ReplicationProbe.fromHeartbeat("heartbeat.heartbeat", hb, NOW))
                .isEqualTo(Measurement.replica(Duration.ofMillis(1250), NOW));
    }

    @Test
    void anEmptyHeartbeatTableIsUnknown() {
        ResultSet hb = status(List.of("lag"), row((String) null));
        assertThat(ReplicationProbe.fromHeartbeat("heartbeat.heartbeat", hb, NOW))
                .isEqualTo(Measurement.lagUnknown("heartbeat table heartbeat.heartbeat is empty", NOW));
        assertThat(ReplicationProbe.fromHeartbeat("hb.t", status(List.of("lag")), NOW).lag()).isNull();
    }

    @Test
    void clockSkewBelowZeroCountsAsNoLag() {
        ResultSet hb = status(List.of("lag"), row("-3000"));
        assertThat(ReplicationProbe.fromHeartbeat("hb.t", hb, NOW).lag()).isEqualTo(Duration.ZERO);
    }

    @Test
    void theHeartbeatQueryQuotesTheTable() {
        assertThat(ReplicationProbe.heartbeatSql("percona.heartbeat")).isEqualTo(
                "SELECT TIMESTAMPDIFF(MICROSECOND, CAST(MAX(ts) AS DATETIME(6)), UTC_TIMESTAMP(6)) FROM `percona`.`heartbeat`");
    }

    @Test
    void stateLogClassifiesAgainstTheDefaultMaxLag() {
        Duration max = Duration.ofSeconds(1);
        assertThat(StateLog.classify(Measurement.replica(Duration.ofMillis(999), NOW), max)).isEqualTo(StateLog.State.FRESH);
        assertThat(StateLog.classify(Measurement.replica(Duration.ofMillis(1001), NOW), max)).isEqualTo(StateLog.State.LAGGING);
        assertThat(StateLog.classify(Measurement.lagUnknown("x", NOW), max)).isEqualTo(StateLog.State.LAG_UNKNOWN);
        assertThat(StateLog.classify(Measurement.writer(NOW), max)).isEqualTo(StateLog.State.MASTER);
        assertThat(StateLog.classify(Measurement.unreachable("x", NOW), max)).isEqualTo(StateLog.State.UNREACHABLE);
    }
}
