package io.haven.it.figures;

import io.haven.it.support.ReplicaSet;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * How a replica is made to lag, for real, while the primary keeps writing its heartbeat. Each
 * way runs on one JDBC session to the replica (the fixture's all-privileges account), which
 * {@link #inject} also uses to read the heartbeat {@code ts} the replica is left with: from then
 * on that value is frozen, so the replica's true lag at wall time {@code t} is {@code t - ts},
 * and it crosses a threshold {@code T} at {@code ts + T}.
 */
enum LagInjection {
    /**
     * {@code STOP SLAVE SQL_THREAD}, as the issue describes: the replica keeps fetching but applies
     * nothing. Both Haven's check and {@code haven agent} also see {@code Slave_SQL_Running=No}
     * and call the lag unknown at once, before the lag itself reaches any threshold.
     */
    STOP_SQL("stop-sql", "STOP SLAVE SQL_THREAD", "START SLAVE SQL_THREAD"),
    /**
     * {@code LOCK TABLES heartbeat.heartbeat READ} on the replica: its SQL thread keeps running
     * ({@code Slave_SQL_Running=Yes}) but waits for the table, so only a lag measurement can tell
     * that the replica is behind, as with a slow apply.
     */
    LOCK("lock", "LOCK TABLES " + ReplicaSet.HEARTBEAT_TABLE + " READ", "UNLOCK TABLES");

    private final String label;
    private final String start;
    private final String stop;

    LagInjection(String label, String start, String stop) {
        this.label = label;
        this.start = start;
        this.stop = stop;
    }

    String label() {
        return label;
    }

    String statements() {
        return start + " ... " + stop;
    }

    /** Starts the lag on {@code session}; returns the replica's heartbeat ts from then on, in epoch microseconds. */
    long inject(Connection session) throws SQLException {
        try (Statement st = session.createStatement()) {
            st.execute(start);
            try (ResultSet rs = st.executeQuery("SELECT ts FROM " + ReplicaSet.HEARTBEAT_TABLE
                    + " WHERE server_id = " + ReplicaSet.PRIMARY_SERVER_ID)) {
                if (!rs.next()) {
                    throw new SQLException("no heartbeat row on the replica");
                }
                return WallClock.heartbeatMicros(rs.getString(1));
            }
        }
    }

    /** Ends the lag: the replica catches up by itself. */
    void restore(Connection session) throws SQLException {
        try (Statement st = session.createStatement()) {
            st.execute(stop);
        }
    }
}
