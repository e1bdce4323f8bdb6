package io.haven.check;

import io.haven.config.model.MysqlLagConfig;
import io.haven.core.server.CheckResult;
import io.haven.core.server.CheckStatus;
import io.haven.core.server.Server;
import io.haven.mysql.MysqlClient;
import io.haven.mysql.MysqlConnection;
import io.haven.mysql.MysqlCredentials;
import io.haven.mysql.MysqlException;
import io.haven.mysql.ResultSet;
import java.net.ConnectException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;

/**
 * {@code option mysql-lag-check}: one persistent MySQL connection per server, and at every run
 * the replica's lag, from a pt-heartbeat table or from {@code Seconds_Behind_Master}. A lag
 * above {@code max-lag}, or unknown (replication thread stopped, NULL, no heartbeat), is a
 * conditional pass (L7OKC): the server stays up but leaves the balancer at once, as a 404 does
 * under {@code disable-on-404}; it comes back at the first run whose lag is at or below
 * {@code back-in}. These results are marked {@link CheckResult#forLag()}, so that an operator's
 * {@code set server B/S pool in} can override them and nothing else. A server without replica
 * status is the writer: lag never excludes it.
 * Connection and query failures are failures (L4CON, L4TOUT, L7TOUT, L7STS) that count toward
 * {@code fall}; the connection is then re-opened at the next run.
 */
final class MysqlLagCheck implements Probe {
    private final MysqlLagConfig config;
    private final String heartbeatQuery;
    private final Map<Server, State> states = new ConcurrentHashMap<>();
    private volatile boolean closed;

    /** Per server, touched only on the server's check event loop. */
    private static final class State {
        MysqlConnection connection;
        boolean lagging;
    }

    /** What one run measured: the writer, or a replica's lag in ms (-1 unknown) with why it is unknown. */
    record Measurement(boolean writer, long lagMillis, String unknownBecause) {
    }

    MysqlLagCheck(MysqlLagConfig config) {
        this.config = config;
        this.heartbeatQuery = config.heartbeatTable() == null ? null
                : "SELECT TIMESTAMPDIFF(MICROSECOND, CAST(MAX(ts) AS DATETIME(6)), UTC_TIMESTAMP(6)) FROM "
                        + config.heartbeatTable();
    }

    @Override
    public CheckRun newRun(CheckTarget target) {
        State state = states.computeIfAbsent(target.server(), s -> new State());
        return new CheckRun(target, 1) {
            @Override
            protected void begin() {
                Duration timeout = Duration.ofMillis(target.timeouts().check() > 0
                        ? target.timeouts().check() : target.timeouts().inter());
                connection(state, target, timeout)
                        .thenCompose(MysqlLagCheck.this::measure)
                        .whenComplete((m, error) -> target.loop().execute(() -> {
                            target.server().reportReplicationLag(error != null ? -1 : m.writer() ? 0 : m.lagMillis());
                            finish(error == null ? verdict(state, m, this) : failure(state, unwrap(error), this));
                        }));
            }
        };
    }

    @Override
    public void close() {
        closed = true;
        for (State s : states.values()) {
            MysqlConnection c = s.connection;
            if (c != null) {
                c.close();
            }
        }
        states.clear();
    }

    private CompletableFuture<MysqlConnection> connection(State state, CheckTarget target, Duration timeout) {
        MysqlConnection c = state.connection;
        if (c != null && c.isOpen()) {
            return CompletableFuture.completedFuture(c);
        }
        return MysqlClient.connect(target.loop(), target.channelClass(), target.address(),
                new MysqlCredentials(config.user(), config.password(), null), timeout)
                .thenApply(opened -> {
                    if (closed) { // the checks stopped while this connection was being opened
                        opened.close();
                        throw new java.util.concurrent.CancellationException("checks stopped");
                    }
                    state.connection = opened;
                    return opened;
                });
    }

    private CompletableFuture<Measurement> measure(MysqlConnection c) {
        CompletableFuture<ResultSet> status = c.query("SHOW SLAVE STATUS");
        CompletableFuture<ResultSet> heartbeat = heartbeatQuery == null ? null : c.query(heartbeatQuery);
        return status.thenCompose(rs -> {
            if (rs.rows().isEmpty()) {
                return heartbeat == null ? CompletableFuture.completedFuture(new Measurement(true, 0, null))
                        : heartbeat.thenApply(ignored -> new Measurement(true, 0, null));
            }
            for (String thread : new String[] {"Slave_IO_Running", "Slave_SQL_Running"}) {
                String running = rs.value(0, thread);
                if (!"Yes".equalsIgnoreCase(running)) {
                    Measurement m = new Measurement(false, -1, thread + "=" + running);
                    return heartbeat == null ? CompletableFuture.completedFuture(m) : heartbeat.thenApply(ignored -> m);
                }
            }
            if (heartbeat == null) {
                return CompletableFuture.completedFuture(seconds(rs.value(0, "Seconds_Behind_Master")));
            }
            return heartbeat.thenApply(hb -> micros(hb.rows().isEmpty() ? null : hb.value(0, hb.columns().get(0))));
        });
    }

    private static Measurement seconds(String value) {
        if (value == null) {
            return new Measurement(false, -1, "Seconds_Behind_Master is NULL");
        }
        try {
            return new Measurement(false, Long.parseLong(value.trim()) * 1000, null);
        } catch (NumberFormatException e) {
            return new Measurement(false, -1, "Seconds_Behind_Master is '" + value + "'");
        }
    }

    private Measurement micros(String value) {
        if (value == null) {
            return new Measurement(false, -1, "no heartbeat in " + config.heartbeatTable());
        }
        try {
            return new Measurement(false, Math.max(0, Long.parseLong(value.trim()) / 1000), null);
        } catch (NumberFormatException e) {
            return new Measurement(false, -1, "heartbeat lag is '" + value + "'");
        }
    }

    /** Applies the hysteresis and turns a measurement into a result. */
    CheckResult verdict(State state, Measurement m, CheckRun run) {
        if (m.writer()) {
            state.lagging = false;
            return run.result(CheckStatus.L7OK, 0, "writer: replication lag does not apply");
        }
        if (m.lagMillis() < 0) {
            state.lagging = true;
            return run.result(CheckStatus.L7OKC, 0, "replication lag unknown: " + m.unknownBecause()).forLag();
        }
        state.lagging = state.lagging ? m.lagMillis() > config.backInMs() : m.lagMillis() > config.maxLagMs();
        if (state.lagging) {
            return run.result(CheckStatus.L7OKC, 0, "replication lag " + secs(m.lagMillis()) + " over "
                    + (m.lagMillis() > config.maxLagMs() ? "max-lag " + secs(config.maxLagMs()) : "back-in " + secs(config.backInMs())))
                    .forLag();
        }
        return run.result(CheckStatus.L7OK, 0, "replication lag " + secs(m.lagMillis()));
    }

    private static CheckResult failure(State state, Throwable error, CheckRun run) {
        MysqlConnection c = state.connection;
        if (error instanceof MysqlException e) {
            return run.result(CheckStatus.L7STS, e.code(), e.getMessage());
        }
        state.connection = null;
        if (c != null) {
            c.close();
        }
        if (error instanceof TimeoutException) {
            return run.result(c != null ? CheckStatus.L7TOUT : CheckStatus.L4TOUT, 0, "");
        }
        if (error instanceof ConnectException) {
            return run.result(CheckStatus.L4CON, 0, "Connection refused");
        }
        return run.result(CheckStatus.SOCKERR, 0, String.valueOf(error.getMessage()));
    }

    private static Throwable unwrap(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String secs(long millis) {
        return String.format(Locale.ROOT, "%.3fs", millis / 1000.0);
    }
}
