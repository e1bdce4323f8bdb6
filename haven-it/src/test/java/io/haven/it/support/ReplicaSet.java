package io.haven.it.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real MariaDB replication set for tests: one primary and N replicas, each a
 * {@link MariaDbServer} (own temp data dir, free port on 127.0.0.1) with its own
 * {@code --server-id}, binary log ({@code --log-bin}, {@code --log-basename}) and
 * {@code --binlog-format=ROW}; replicas run {@code --read-only} and replicate from the primary
 * with GTIDs ({@code MASTER_USE_GTID=slave_pos}). {@link #start} returns once every replica's
 * I/O and SQL threads run and it has applied a marker row written last on the primary.
 *
 * <p>Replicas are numbered from 1 to {@link #replicaCount()}; the primary has server id
 * {@value #PRIMARY_SERVER_ID}, replica {@code i} has {@code 1 + i}. Work dirs are
 * {@code workDir/primary} and {@code workDir/replica<i>}.
 *
 * <p>Accounts, all created on the primary and replicated:
 * <ul>
 *   <li>{@value #REPLICATION_USER}: {@code REPLICATION SLAVE}, used by the replicas;
 *   <li>{@value #HAVEN_USER}/{@value #HAVEN_PASSWORD} at {@code 127.0.0.1}: what Haven's lag
 *       check gets, {@code REPLICATION CLIENT} plus {@code SLAVE MONITOR} (since MariaDB 10.5
 *       {@code REPLICATION CLIENT} is only {@code BINLOG MONITOR} and no longer allows
 *       {@code SHOW SLAVE STATUS}) and {@code SELECT} on {@code heartbeat.*};
 *   <li>a fixture account with all privileges, used by the JDBC helpers here (root logs in only
 *       over the unix socket, see {@link MariaDbServer#sql}).
 * </ul>
 *
 * <p>Heartbeat, compatible with pt-heartbeat: table {@value #HEARTBEAT_TABLE} as
 * {@code pt-heartbeat --create-table} makes it (InnoDB, so a replica killed with SIGKILL keeps
 * it), one row keyed by the primary's server id. {@link #startHeartbeat()} updates that row every
 * {@link #HEARTBEAT_INTERVAL} with {@code ts} = the primary's {@code UTC_TIMESTAMP(6)} in
 * pt-heartbeat's format ({@code 2026-11-25T09:20:01.123456}, what {@code pt-heartbeat --update
 * --utc} writes) and {@code file}/{@code position} from {@code SHOW MASTER STATUS}, as
 * pt-heartbeat does. {@link #lagSeconds(int)} reads it back on a replica.
 *
 * <p>Lag is injected for real: {@link #stopSql}, {@link #delay}, {@link #kill}. {@link #close()}
 * stops the writer and every server by PID and deletes the work dir; it is idempotent, and a
 * start that fails half-way closes whatever it had started before rethrowing. No JUnit
 * dependency.
 */
public final class ReplicaSet implements AutoCloseable {

    public static final int PRIMARY_SERVER_ID = 1;
    public static final String REPLICATION_USER = "repl";
    public static final String REPLICATION_PASSWORD = "replpw";
    public static final String HAVEN_USER = "haven";
    public static final String HAVEN_PASSWORD = "havenpw";
    public static final String HEARTBEAT_DATABASE = "heartbeat";
    public static final String HEARTBEAT_TABLE = "heartbeat.heartbeat";
    public static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(100);

    /** pt-heartbeat's table ({@code --create-table}), in the database {@value #HEARTBEAT_DATABASE}. */
    static final String HEARTBEAT_DDL = "CREATE TABLE " + HEARTBEAT_TABLE + " ("
            + " ts varchar(26) NOT NULL,"
            + " server_id int unsigned NOT NULL PRIMARY KEY,"
            + " file varchar(255) DEFAULT NULL,"
            + " position bigint unsigned DEFAULT NULL,"
            + " relay_master_log_file varchar(255) DEFAULT NULL,"
            + " exec_master_log_pos bigint unsigned DEFAULT NULL"
            + ") ENGINE=InnoDB";
    /** The server's current UTC time as pt-heartbeat formats {@code ts}: {@code YYYY-MM-DDTHH:MM:SS.ffffff}. */
    static final String NOW_TS = "DATE_FORMAT(UTC_TIMESTAMP(6), '%Y-%m-%dT%H:%i:%s.%f')";

    private static final String HOST = "127.0.0.1";
    private static final String ADMIN_USER = "fixture";
    private static final String ADMIN_PASSWORD = "fixturepw";
    /** Starting, replicating, catching up: generous, as other builds share the machine. */
    private static final Duration SETUP_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final int SOCKET_TIMEOUT_MS = 30_000;
    private static final int GTID_WAIT_SECONDS = 20;

    private final Path workDir;
    private final int replicaCount;
    private MariaDbServer primary;
    /** Index 1..replicaCount; slot 0 unused. Replaced by {@link #restart(int)}. */
    private final MariaDbServer[] replicas;
    private Duration startupTime = Duration.ZERO;
    private boolean closed;

    private ScheduledExecutorService heartbeatWriter;
    /** Used by the writer thread only, while it runs. */
    private Connection heartbeatConnection;
    private PreparedStatement heartbeatUpdate;
    private final AtomicLong heartbeatWrites = new AtomicLong();
    private final AtomicReference<Exception> lastHeartbeatError = new AtomicReference<>();

    private ReplicaSet(Path workDir, int replicaCount) {
        this.workDir = workDir;
        this.replicaCount = replicaCount;
        this.replicas = new MariaDbServer[replicaCount + 1];
    }

    /** Starts a primary and {@code replicas} replicas in a new temp dir, deleted by {@link #close()}. */
    public static ReplicaSet start(int replicas) {
        Path dir;
        try {
            dir = Files.createTempDirectory("haven-replicaset-");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temp dir for the replica set", e);
        }
        return start(dir, replicas);
    }

    /**
     * Starts a primary and {@code replicas} replicas under {@code workDir} (created if missing;
     * deleted by {@link #close()}).
     */
    public static ReplicaSet start(Path workDir, int replicas) {
        if (replicas < 1) {
            throw new IllegalArgumentException("a replica set needs at least one replica, not " + replicas);
        }
        ReplicaSet set = new ReplicaSet(workDir.toAbsolutePath(), replicas);
        long begin = System.nanoTime();
        try {
            set.startServers();
            set.setUpPrimary();
            set.connectReplicas();
            set.startupTime = Duration.ofNanos(System.nanoTime() - begin);
            return set;
        } catch (RuntimeException | Error e) {
            try {
                set.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** Installs and starts all servers in parallel; keeps every one that started, for close(). */
    private void startServers() {
        ExecutorService pool = Executors.newFixedThreadPool(replicaCount + 1, daemon("replica-set-start"));
        try {
            Future<MariaDbServer> primaryStart = pool.submit(() -> MariaDbServer.start(workDir.resolve("primary"),
                    serverArgs("primary", PRIMARY_SERVER_ID, false)));
            List<Future<MariaDbServer>> replicaStarts = new ArrayList<>();
            for (int i = 1; i <= replicaCount; i++) {
                String name = "replica" + i;
                int serverId = PRIMARY_SERVER_ID + i;
                replicaStarts.add(pool.submit(() -> MariaDbServer.start(workDir.resolve(name),
                        serverArgs(name, serverId, true))));
            }
            RuntimeException failure = null;
            try {
                primary = primaryStart.get();
            } catch (ExecutionException | InterruptedException e) {
                failure = startFailure("primary", e);
            }
            for (int i = 1; i <= replicaCount; i++) {
                try {
                    replicas[i] = replicaStarts.get(i - 1).get();
                } catch (ExecutionException | InterruptedException e) {
                    RuntimeException f = startFailure("replica " + i, e);
                    if (failure == null) {
                        failure = f;
                    } else {
                        failure.addSuppressed(f);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static RuntimeException startFailure(String what, Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
            return new IllegalStateException("interrupted while starting the " + what, e);
        }
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException) {
            return (RuntimeException) cause;
        }
        return new IllegalStateException("could not start the " + what, cause);
    }

    private static List<String> serverArgs(String name, int serverId, boolean replica) {
        List<String> args = new ArrayList<>(List.of(
                "--log-basename=" + name,
                "--server-id=" + serverId,
                // named explicitly: after MariaDbServer's --pid-file, a bare --log-bin is named after
                // the pid file (mariadbd-bin), whatever --log-basename says
                "--log-bin=" + name + "-bin",
                "--relay-log=" + name + "-relay-bin",
                // the heartbeat's ts is computed on the primary; replicas must get the value, not the expression
                "--binlog-format=ROW",
                // a killed mariadbd loses nothing (only an OS crash would), and commits cost no fsync
                "--innodb-flush-log-at-trx-commit=2"));
        if (replica) {
            args.add("--read-only");
        }
        return args;
    }

    private void setUpPrimary() {
        primary.sql(
                "CREATE USER '" + REPLICATION_USER + "'@'" + HOST + "' IDENTIFIED BY '" + REPLICATION_PASSWORD + "'",
                "GRANT REPLICATION SLAVE ON *.* TO '" + REPLICATION_USER + "'@'" + HOST + "'",
                "CREATE USER '" + ADMIN_USER + "'@'" + HOST + "' IDENTIFIED BY '" + ADMIN_PASSWORD + "'",
                "GRANT ALL PRIVILEGES ON *.* TO '" + ADMIN_USER + "'@'" + HOST + "'",
                "CREATE DATABASE " + HEARTBEAT_DATABASE,
                HEARTBEAT_DDL,
                // the literal id, not @@server_id: a replica applying this must not insert its own id
                "INSERT INTO " + HEARTBEAT_TABLE + " (ts, server_id) VALUES (" + NOW_TS + ", " + PRIMARY_SERVER_ID + ")",
                "CREATE USER '" + HAVEN_USER + "'@'" + HOST + "' IDENTIFIED BY '" + HAVEN_PASSWORD + "'",
                "GRANT REPLICATION CLIENT, SLAVE MONITOR ON *.* TO '" + HAVEN_USER + "'@'" + HOST + "'",
                "GRANT SELECT ON " + HEARTBEAT_DATABASE + ".* TO '" + HAVEN_USER + "'@'" + HOST + "'",
                "CREATE DATABASE fixture",
                "CREATE TABLE fixture.marker (id int NOT NULL PRIMARY KEY, note varchar(64) NOT NULL)",
                // last: a replica that has it has applied everything above
                "INSERT INTO fixture.marker VALUES (1, 'replica set ready')");
    }

    private void connectReplicas() {
        for (int i = 1; i <= replicaCount; i++) {
            replicas[i].sql(
                    "CHANGE MASTER TO MASTER_HOST='" + HOST + "', MASTER_PORT=" + primary.port()
                            + ", MASTER_USER='" + REPLICATION_USER + "', MASTER_PASSWORD='" + REPLICATION_PASSWORD
                            + "', MASTER_USE_GTID=slave_pos, MASTER_CONNECT_RETRY=1",
                    "START SLAVE");
        }
        for (int i = 1; i <= replicaCount; i++) {
            int replica = i;
            awaitOn(replica, "replica " + i + " replicating and holding the marker row", () -> {
                Map<String, String> status = slaveStatus(replica);
                return "Yes".equals(status.get("Slave_IO_Running"))
                        && "Yes".equals(status.get("Slave_SQL_Running"))
                        && queryOne(connectReplica(replica), "SELECT note FROM fixture.marker WHERE id = 1") != null;
            });
        }
    }

    // ---------------------------------------------------------------- observation

    public int replicaCount() {
        return replicaCount;
    }

    /** The primary, e.g. for {@link MariaDbServer#sql} as root. */
    public synchronized MariaDbServer primary() {
        checkOpen();
        return primary;
    }

    /** Replica {@code i} (1-based); a new instance after {@link #restart(int)}. */
    public synchronized MariaDbServer replica(int i) {
        checkOpen();
        checkIndex(i);
        return replicas[i];
    }

    public int primaryPort() {
        return primary().port();
    }

    /** The TCP port of replica {@code i}; {@link #restart(int)} keeps it. */
    public int replicaPort(int i) {
        return replica(i).port();
    }

    public int primaryServerId() {
        return PRIMARY_SERVER_ID;
    }

    /** The {@code --server-id} of replica {@code i}: {@code 1 + i}. */
    public int serverId(int i) {
        checkIndex(i);
        return PRIMARY_SERVER_ID + i;
    }

    /** Whether replica {@code i}'s {@code mariadbd} process runs (false after {@link #kill(int)}). */
    public boolean isAlive(int i) {
        return replica(i).isAlive();
    }

    /** How long {@link #start} took, from the first install to the last replica holding the marker. */
    public Duration startupTime() {
        return startupTime;
    }

    /** A new JDBC connection to the primary with the fixture's all-privileges account; the caller closes it. */
    public Connection connectPrimary() throws SQLException {
        return connect(primaryPort());
    }

    /** A new JDBC connection to replica {@code i} with the fixture's all-privileges account; the caller closes it. */
    public Connection connectReplica(int i) throws SQLException {
        return connect(replicaPort(i));
    }

    private static Connection connect(int port) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", ADMIN_USER);
        props.setProperty("password", ADMIN_PASSWORD);
        props.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_MS));
        props.setProperty("socketTimeout", Integer.toString(SOCKET_TIMEOUT_MS));
        return DriverManager.getConnection("jdbc:mariadb://" + HOST + ":" + port + "/", props);
    }

    /**
     * {@code SHOW SLAVE STATUS} on replica {@code i}, column name to value (null stays null);
     * empty if the server is not a replica.
     */
    public Map<String, String> slaveStatus(int i) {
        try (Connection c = connectReplica(i); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW SLAVE STATUS")) {
            Map<String, String> row = new LinkedHashMap<>();
            if (rs.next()) {
                ResultSetMetaData meta = rs.getMetaData();
                for (int col = 1; col <= meta.getColumnCount(); col++) {
                    row.put(meta.getColumnLabel(col), rs.getString(col));
                }
            }
            return row;
        } catch (SQLException e) {
            throw new IllegalStateException("SHOW SLAVE STATUS on replica " + i + " failed: " + e.getMessage(), e);
        }
    }

    /** The heartbeat's {@code ts} for the primary's row as replica {@code i} holds it. */
    public String heartbeatTs(int i) {
        try {
            String ts = queryOne(connectReplica(i),
                    "SELECT ts FROM " + HEARTBEAT_TABLE + " WHERE server_id = " + PRIMARY_SERVER_ID);
            if (ts == null) {
                throw new IllegalStateException("replica " + i + " has no heartbeat row for server id " + PRIMARY_SERVER_ID);
            }
            return ts;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the heartbeat on replica " + i + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replication lag of replica {@code i} in seconds as pt-heartbeat computes it: now minus the
     * primary's heartbeat {@code ts} as read on the replica (both UTC; "now" taken after the row
     * was read, as pt-heartbeat does; pt-heartbeat's default 0.5 s {@code --skew} is not
     * subtracted). Meaningful while {@link #startHeartbeat() the writer} runs.
     *
     * @throws IllegalStateException if the replica cannot be reached, e.g. after {@link #kill(int)}
     */
    public double lagSeconds(int i) {
        String ts = heartbeatTs(i);
        Instant now = Instant.now();
        Instant written = LocalDateTime.parse(ts).toInstant(ZoneOffset.UTC);
        return Duration.between(written, now).toNanos() / 1e9;
    }

    /** Waits (bounded) until replica {@code i}'s I/O and SQL threads both run. */
    public void awaitReplicating(int i) {
        awaitOn(i, "replica " + i + " with Slave_IO_Running=Yes and Slave_SQL_Running=Yes", () -> {
            Map<String, String> status = slaveStatus(i);
            return "Yes".equals(status.get("Slave_IO_Running")) && "Yes".equals(status.get("Slave_SQL_Running"));
        });
    }

    /**
     * Waits (bounded, with MariaDB's {@code MASTER_GTID_WAIT}) until replica {@code i} has applied
     * everything the primary had binlogged when this was called.
     */
    public void awaitCaughtUp(int i) {
        try {
            String position;
            try (Connection c = connectPrimary()) {
                position = queryOne(c, "SELECT @@gtid_binlog_pos");
            }
            try (Connection c = connectReplica(i);
                    PreparedStatement ps = c.prepareStatement("SELECT MASTER_GTID_WAIT(?, ?)")) {
                ps.setString(1, position);
                ps.setInt(2, GTID_WAIT_SECONDS);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getInt(1) != 0) {
                        throw new IllegalStateException("replica " + i + " did not reach GTID " + position + " within "
                                + GTID_WAIT_SECONDS + " s" + diagnostics(i));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not wait for replica " + i + " to catch up: " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- heartbeat

    /**
     * Starts updating the primary's heartbeat row every {@link #HEARTBEAT_INTERVAL} on a daemon
     * thread; a failed update is remembered ({@link #lastHeartbeatError()}) and retried on the
     * next tick with a new connection. No-op if already running.
     */
    public synchronized void startHeartbeat() {
        checkOpen();
        if (heartbeatWriter != null) {
            return;
        }
        heartbeatWriter = Executors.newSingleThreadScheduledExecutor(daemon("heartbeat-writer"));
        heartbeatWriter.scheduleAtFixedRate(this::beat, 0, HEARTBEAT_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the writer and waits for a running update to finish. No-op if not running. */
    public synchronized void stopHeartbeat() {
        ScheduledExecutorService writer = heartbeatWriter;
        if (writer == null) {
            return;
        }
        heartbeatWriter = null;
        writer.shutdownNow();
        try {
            if (!writer.awaitTermination(SOCKET_TIMEOUT_MS + 5_000L, TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("the heartbeat writer did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // the writer has terminated: its connection is ours now
        closeHeartbeatConnection();
    }

    /** Successful heartbeat updates since the set started. */
    public long heartbeatWrites() {
        return heartbeatWrites.get();
    }

    /** The last failed heartbeat update, or null. */
    public Exception lastHeartbeatError() {
        return lastHeartbeatError.get();
    }

    /** One tick of the writer: what pt-heartbeat --update does, with the primary's clock. */
    private void beat() {
        try {
            if (heartbeatUpdate == null) {
                heartbeatConnection = connect(primary.port());
                heartbeatUpdate = heartbeatConnection.prepareStatement("UPDATE " + HEARTBEAT_TABLE + " SET ts = "
                        + NOW_TS + ", file = ?, position = ? WHERE server_id = " + PRIMARY_SERVER_ID);
            }
            String file = null;
            Long position = null;
            try (Statement st = heartbeatConnection.createStatement();
                    ResultSet rs = st.executeQuery("SHOW MASTER STATUS")) {
                if (rs.next()) {
                    file = rs.getString("File");
                    position = rs.getLong("Position");
                }
            }
            heartbeatUpdate.setString(1, file);
            heartbeatUpdate.setObject(2, position);
            if (heartbeatUpdate.executeUpdate() != 1) {
                throw new IllegalStateException("no heartbeat row for server id " + PRIMARY_SERVER_ID + " on the primary");
            }
            heartbeatWrites.incrementAndGet();
        } catch (SQLException | RuntimeException e) {
            // never let it escape: a ScheduledExecutorService silently cancels a task that throws
            lastHeartbeatError.set(e);
            closeHeartbeatConnection();
        }
    }

    private void closeHeartbeatConnection() {
        Connection c = heartbeatConnection;
        heartbeatConnection = null;
        heartbeatUpdate = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // the primary may be gone already
            }
        }
    }

    // ---------------------------------------------------------------- lag injection

    /** {@code STOP SLAVE SQL_THREAD} on replica {@code i}: it keeps fetching but applies nothing. */
    public void stopSql(int i) {
        replica(i).sql("STOP SLAVE SQL_THREAD");
    }

    /** {@code START SLAVE SQL_THREAD} on replica {@code i}. */
    public void startSql(int i) {
        replica(i).sql("START SLAVE SQL_THREAD");
    }

    /**
     * Sets {@code MASTER_DELAY} of replica {@code i} (0 switches it off): stops the slave threads,
     * {@code CHANGE MASTER TO MASTER_DELAY=seconds}, starts them again. MariaDB counts the delay
     * from the events' whole-second timestamps, so with a writer every 100 ms the heartbeat lag
     * saws between about {@code seconds - 1} and {@code seconds} (plus apply time).
     */
    public void delay(int i, int seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("MASTER_DELAY cannot be negative: " + seconds);
        }
        replica(i).sql("STOP SLAVE", "CHANGE MASTER TO MASTER_DELAY=" + seconds, "START SLAVE");
    }

    /** Kills replica {@code i}'s {@code mariadbd} abruptly (SIGKILL to its PID), keeping its data dir. */
    public synchronized void kill(int i) {
        replica(i).kill();
    }

    /**
     * Starts replica {@code i} again after {@link #kill(int)}, on the same data dir, port and
     * options. Returns once it accepts connections; replication restarts by itself from the
     * replica's GTID position ({@link #awaitReplicating(int)} waits for it).
     */
    public synchronized void restart(int i) {
        replicas[i] = replica(i).restart();
    }

    // ---------------------------------------------------------------- shutdown

    /**
     * Stops the heartbeat writer, then every server (SIGTERM to its PID, SIGKILL after 30 s), in
     * parallel, and deletes the work dir. Idempotent.
     */
    @Override
    public void close() {
        List<MariaDbServer> servers = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (primary != null) {
                servers.add(primary);
            }
            for (int i = 1; i <= replicaCount; i++) {
                if (replicas[i] != null) {
                    servers.add(replicas[i]);
                }
            }
        }
        List<RuntimeException> failures = Collections.synchronizedList(new ArrayList<>());
        try {
            stopHeartbeat();
        } catch (RuntimeException e) {
            failures.add(e);
        }
        List<Thread> closers = new ArrayList<>();
        for (MariaDbServer server : servers) {
            Thread t = new Thread(() -> {
                try {
                    server.close();
                } catch (RuntimeException e) {
                    failures.add(e);
                }
            }, "replica-set-close-" + server.port());
            t.setDaemon(true);
            t.start();
            closers.add(t);
        }
        for (Thread t : closers) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failures.add(new IllegalStateException("interrupted while stopping the replica set", e));
                break;
            }
        }
        try {
            deleteRecursively(workDir);
        } catch (RuntimeException e) {
            failures.add(e);
        }
        if (!failures.isEmpty()) {
            RuntimeException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
    }

    // ---------------------------------------------------------------- helpers

    /** Awaits a condition about replica {@code i}; on timeout, fails with its replication state and log. */
    private void awaitOn(int i, String what, Callable<Boolean> condition) {
        try {
            await(what).atMost(SETUP_TIMEOUT).pollInterval(POLL).ignoreExceptions().until(condition);
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException("timed out after " + SETUP_TIMEOUT.toSeconds() + " s waiting for " + what
                    + diagnostics(i), e);
        }
    }

    /** SHOW SLAVE STATUS as root over the socket (works before any account replicated) and the log's tail. */
    private String diagnostics(int i) {
        MariaDbServer server = replicas[i];
        StringBuilder out = new StringBuilder();
        try {
            out.append("\nSHOW SLAVE STATUS on replica ").append(i).append(": ")
                    .append(server.query("SHOW SLAVE STATUS"));
        } catch (RuntimeException e) {
            out.append("\n(SHOW SLAVE STATUS on replica ").append(i).append(" failed: ").append(e.getMessage()).append(')');
        }
        Path log = server.workDir().resolve("mariadbd.log");
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            out.append('\n').append(log).append(" ends with:\n")
                    .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        } catch (IOException e) {
            out.append("\n(cannot read ").append(log).append(": ").append(e).append(')');
        }
        return out.toString();
    }

    /** First column of the first row, or null; closes the connection. */
    private static String queryOne(Connection c, String sql) throws SQLException {
        try (c; Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    private void checkIndex(int i) {
        if (i < 1 || i > replicaCount) {
            throw new IndexOutOfBoundsException("replicas are numbered 1.." + replicaCount + ", not " + i);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("the replica set in " + workDir + " is closed");
        }
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).collect(Collectors.toList())) {
                Files.deleteIfExists(p);
            }
        } catch (NoSuchFileException gone) {
            // never created, or deleted already (e.g. by JUnit's @TempDir)
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete " + dir, e);
        }
    }
}
