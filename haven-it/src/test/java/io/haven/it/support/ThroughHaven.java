package io.haven.it.support;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;

/**
 * What the MySQL pool tests ask of a running Haven: which replicas answer new connections made
 * through it (by {@code @@server_id}, as the 'haven' user of {@link ReplicaSet}), and its
 * {@code show stat} over a runtime API socket.
 */
public final class ThroughHaven {
    private ThroughHaven() {
    }

    public static Connection connect(int port) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://127.0.0.1:" + port + "/",
                ReplicaSet.HAVEN_USER, ReplicaSet.HAVEN_PASSWORD);
    }

    public static int serverId(Connection c) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT @@server_id")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** The server ids answering {@code connections} new connections through Haven on {@code port}. */
    public static Set<Integer> serverIds(int port, int connections) throws SQLException {
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < connections; i++) {
            try (Connection c = connect(port)) {
                ids.add(serverId(c));
            }
        }
        return ids;
    }

    public static ShowStat stat(Path socket) throws Exception {
        return ShowStat.parse(StatsSocketClient.exchange(socket.toString(), "show stat"));
    }

    /** Waits (20 s at most) until {@code show stat} gives {@code proxy/server} the status word {@code status}. */
    public static void awaitStatus(Path socket, String proxy, String server, String status) {
        await(proxy + "/" + server + " " + status).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50))
                .until(() -> stat(socket).get(proxy, server, "status").equals(status));
    }
}
