package io.haven.it.figures;

import io.haven.it.support.ShowStat;
import io.haven.it.support.StatsSocketClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A proxy in front of the three replicas, listening on 127.0.0.1:{@link #port()} as
 * {@code listen mysql_ro} with servers {@code r1..r3}, and answering {@code show stat} on a
 * unix socket (Haven and HAProxy alike). The figures come from the client; the stats only pace
 * the scenarios (when to restore a replica) and say when the proxy itself marked a server out.
 */
interface ProxyUnderTest extends AutoCloseable {
    String BACKEND = "mysql_ro";

    /** Short name used in the report, e.g. {@code haproxy-500ms}. */
    String name();

    /** What runs and with which settings, for the report. */
    String setup();

    int port();

    /** The health check's {@code inter}: each scenario begins at a random point of one such period. */
    Duration checkInterval();

    Path statsSocket();

    /** Copies configuration and logs into {@code dir}. */
    void saveLogs(Path dir) throws IOException;

    /** The {@code status} column of server {@code r<replica>}: "UP", "UP 1/2", "NOLB", "DOWN", ... */
    default String status(int replica) throws IOException {
        return stat().get(BACKEND, "r" + replica, "status");
    }

    default ShowStat stat() throws IOException {
        return ShowStat.parse(StatsSocketClient.exchange(statsSocket().toString(), "show stat"));
    }

    /** Whether new connections may go to {@code r<replica>}: HAProxy's and Haven's "UP" and "UP n/m" (going down). */
    default boolean serving(int replica) throws IOException {
        return status(replica).startsWith("UP");
    }

    /** Whether r1, r2 and r3 all take new connections, from one {@code show stat}. */
    default boolean allServing() throws IOException {
        ShowStat s = stat();
        for (int i = 1; i <= 3; i++) {
            if (!s.get(BACKEND, "r" + i, "status").startsWith("UP")) {
                return false;
            }
        }
        return true;
    }

    @Override
    void close() throws Exception;
}
