package io.haven.it.figures;

import io.haven.it.support.ReplicaSet;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The application in the figures: every {@link #PERIOD} it opens a NEW connection through the
 * proxy (MariaDB Connector/J), reads {@code @@server_id} and the heartbeat lag on the server it
 * reached, and closes it. The pace is kept by a scheduler that hands each read to a worker, so
 * a slow or failing read (HAProxy retrying a dead server for seconds) does not delay the next
 * ones; a tick finding all {@link #MAX_IN_FLIGHT} workers busy is counted as skipped.
 */
final class ReadClient implements AutoCloseable {
    static final Duration PERIOD = Duration.ofMillis(20);
    /** The query: the lag the server itself sees, computed in the server, in microseconds. */
    static final String QUERY = "SELECT @@server_id, TIMESTAMPDIFF(MICROSECOND, CAST(MAX(ts) AS DATETIME(6)),"
            + " UTC_TIMESTAMP(6)) FROM " + ReplicaSet.HEARTBEAT_TABLE;
    private static final int MAX_IN_FLIGHT = 128;
    private static final int CONNECT_TIMEOUT_MS = 3_000;
    private static final int SOCKET_TIMEOUT_MS = 10_000;

    private final String url;
    private final Properties props = new Properties();
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(daemon("read-pacer"));
    private final ThreadPoolExecutor workers = new ThreadPoolExecutor(8, MAX_IN_FLIGHT, 30, TimeUnit.SECONDS,
            new SynchronousQueue<>(), daemon("read-worker"));
    private final ConcurrentLinkedQueue<Read> reads = new ConcurrentLinkedQueue<>();
    private final AtomicInteger skipped = new AtomicInteger();

    private ReadClient(int port) {
        url = "jdbc:mariadb://127.0.0.1:" + port + "/";
        props.setProperty("user", ReplicaSet.HAVEN_USER);
        props.setProperty("password", ReplicaSet.HAVEN_PASSWORD);
        props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_MS));
        props.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_MS));
    }

    /** Starts reading through 127.0.0.1:{@code port} at once. */
    static ReadClient start(int port) {
        ReadClient c = new ReadClient(port);
        c.pacer.scheduleAtFixedRate(c::tick, 0, PERIOD.toNanos(), TimeUnit.NANOSECONDS);
        return c;
    }

    private void tick() {
        try {
            workers.execute(this::readOnce);
        } catch (RejectedExecutionException e) {
            skipped.incrementAndGet();
        }
    }

    private void readOnce() {
        long start = WallClock.micros();
        try (Connection c = DriverManager.getConnection(url, props);
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(QUERY)) {
            if (!rs.next()) {
                throw new SQLException("no row");
            }
            int serverId = rs.getInt(1);
            long lag = rs.getLong(2);
            reads.add(new Read(start, WallClock.micros(), serverId, rs.wasNull() ? -1 : lag, null));
        } catch (SQLException | RuntimeException e) {
            reads.add(new Read(start, WallClock.micros(), 0, -1, oneLine(e)));
        }
    }

    private static String oneLine(Throwable e) {
        String m = e.getClass().getSimpleName() + ": " + e.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).replace('\t', ' ');
    }

    /** Ticks that found every worker busy: reads the client should have made and did not. */
    int skipped() {
        return skipped.get();
    }

    /** Every read finished so far, by start time. */
    List<Read> reads() {
        List<Read> all = new ArrayList<>(reads);
        all.sort(Comparator.comparingLong(Read::startMicros));
        return all;
    }

    /** Stops the pace and waits (bounded) for the reads in flight, so that {@link #reads()} is complete. */
    @Override
    public void close() throws InterruptedException {
        pacer.shutdownNow();
        pacer.awaitTermination(5, TimeUnit.SECONDS);
        workers.shutdown();
        if (!workers.awaitTermination(SOCKET_TIMEOUT_MS + CONNECT_TIMEOUT_MS + 5_000L, TimeUnit.MILLISECONDS)) {
            workers.shutdownNow();
        }
    }

    private static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
