package io.haven.agent;

import io.haven.mysql.MysqlConnection;
import io.haven.mysql.MysqlException;
import io.haven.mysql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;

/**
 * One measurement round on an open connection: {@code SHOW SLAVE STATUS} tells writer (no row)
 * from replica; a replica whose IO or SQL thread is not running has an unknown lag; otherwise
 * the lag is pt-heartbeat's {@code now - MAX(ts)} from the heartbeat table, or
 * {@code Seconds_Behind_Master}. Servers that reject {@code SHOW SLAVE STATUS} (MySQL 8.4) are
 * asked {@code SHOW REPLICA STATUS} instead, and both column namings are understood. With
 * several replication channels, every thread must run and the largest lag counts. Not
 * thread-safe: one round at a time, on the monitor's event loop.
 */
final class ReplicationProbe {
    static final String SLAVE_STATUS = "SHOW SLAVE STATUS";
    static final String REPLICA_STATUS = "SHOW REPLICA STATUS";
    private static final int ER_PARSE_ERROR = 1064;
    private static final int ERROR_TEXT_LIMIT = 120;

    private final String heartbeatTable;
    private final String heartbeatSql;
    private String statusSql = SLAVE_STATUS;

    ReplicationProbe(String heartbeatTable) {
        this.heartbeatTable = heartbeatTable;
        this.heartbeatSql = heartbeatTable == null ? null : heartbeatSql(heartbeatTable);
    }

    static String heartbeatSql(String table) {
        int dot = table.indexOf('.');
        return "SELECT TIMESTAMPDIFF(MICROSECOND, CAST(MAX(ts) AS DATETIME(6)), UTC_TIMESTAMP(6)) FROM `"
                + table.substring(0, dot) + "`.`" + table.substring(dot + 1) + "`";
    }

    /** Runs one round; fails with the query's exception (a {@link MysqlException} or an I/O error). */
    CompletableFuture<Measurement> measure(MysqlConnection c, LongSupplier clock) {
        return status(c).thenCompose(status -> {
            if (status.rows().isEmpty()) {
                return CompletableFuture.completedFuture(Measurement.writer(clock.getAsLong()));
            }
            String stopped = threadsProblem(status);
            if (stopped != null) {
                return CompletableFuture.completedFuture(Measurement.lagUnknown(stopped, clock.getAsLong()));
            }
            if (heartbeatSql == null) {
                return CompletableFuture.completedFuture(fromSecondsBehind(status, clock.getAsLong()));
            }
            return c.query(heartbeatSql).thenApply(hb -> fromHeartbeat(heartbeatTable, hb, clock.getAsLong()));
        });
    }

    private CompletableFuture<ResultSet> status(MysqlConnection c) {
        return c.query(statusSql).exceptionallyCompose(e -> {
            if (statusSql.equals(SLAVE_STATUS) && unwrap(e) instanceof MysqlException me && me.code() == ER_PARSE_ERROR) {
                statusSql = REPLICA_STATUS;
                return c.query(statusSql);
            }
            return CompletableFuture.failedFuture(e);
        });
    }

    static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** Why the lag of a replica is unknown because a thread is not running, or null when all run. */
    static String threadsProblem(ResultSet status) {
        for (int row = 0; row < status.rows().size(); row++) {
            for (String thread : List.of("IO", "SQL")) {
                String name = column(status, "Slave_" + thread + "_Running", "Replica_" + thread + "_Running");
                String running = name == null ? null : cell(status, row, name);
                if (!"Yes".equalsIgnoreCase(running)) {
                    String error = name == null ? null : cell(status, row, "Last_" + thread + "_Error");
                    return "replication " + thread + " thread not running (" + (name == null ? thread + "_Running" : name)
                            + " is " + (running == null ? "NULL" : running) + ")"
                            + (error == null || error.isBlank() ? "" : ": " + abbreviate(error));
                }
            }
        }
        return null;
    }

    /** The lag from {@code Seconds_Behind_Master} (or {@code _Source}); NULL means unknown. */
    static Measurement fromSecondsBehind(ResultSet status, long nowNanos) {
        String name = column(status, "Seconds_Behind_Master", "Seconds_Behind_Source");
        if (name == null) {
            return Measurement.lagUnknown("no Seconds_Behind_Master column in " + SLAVE_STATUS, nowNanos);
        }
        Duration worst = null;
        for (int row = 0; row < status.rows().size(); row++) {
            String v = cell(status, row, name);
            if (v == null) {
                return Measurement.lagUnknown(name + " is NULL", nowNanos);
            }
            Duration lag;
            try {
                lag = Duration.ofSeconds(Long.parseLong(v.strip()));
            } catch (NumberFormatException e) {
                return Measurement.lagUnknown(name + " is '" + abbreviate(v) + "'", nowNanos);
            }
            worst = worst == null || lag.compareTo(worst) > 0 ? lag : worst;
        }
        return Measurement.replica(worst, nowNanos);
    }

    /** The lag from the heartbeat query's one cell, in microseconds; NULL (no row) means unknown. */
    static Measurement fromHeartbeat(String table, ResultSet hb, long nowNanos) {
        String v = hb.rows().isEmpty() || hb.rows().get(0).isEmpty() ? null : hb.rows().get(0).get(0);
        if (v == null) {
            return Measurement.lagUnknown("heartbeat table " + table + " is empty", nowNanos);
        }
        try {
            return Measurement.replica(Duration.ofNanos(Math.multiplyExact(Long.parseLong(v.strip()), 1000L)), nowNanos);
        } catch (NumberFormatException | ArithmeticException e) {
            return Measurement.lagUnknown("heartbeat lag is '" + abbreviate(v) + "'", nowNanos);
        }
    }

    private static String column(ResultSet rs, String... names) {
        for (String n : names) {
            if (rs.column(n) >= 0) {
                return n;
            }
        }
        return null;
    }

    private static String cell(ResultSet rs, int row, String name) {
        int i = rs.column(name);
        List<String> r = rs.rows().get(row);
        return i < 0 || i >= r.size() ? null : r.get(i);
    }

    static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ").strip();
        return one.length() > ERROR_TEXT_LIMIT ? one.substring(0, ERROR_TEXT_LIMIT) + "..." : one;
    }
}
