package io.haven.agent;

import io.haven.mysql.MysqlClient;
import io.haven.mysql.MysqlConnection;
import io.haven.mysql.MysqlCredentials;
import io.haven.mysql.MysqlException;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one MySQL connection and measures over it every interval, publishing each
 * {@link Measurement} for the HTTP side to read without waiting. A round that fails with a MySQL
 * error keeps the connection; a timeout or an I/O error drops it, and reconnection backs off from
 * one interval, doubling up to {@link AgentSettings#maxBackoff()}. Everything but {@link #latest()}
 * runs on one event loop, so the state needs no lock; nothing here throws out of the loop.
 */
final class MysqlMonitor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MysqlMonitor.class);

    private final AgentSettings settings;
    private final EventLoop loop;
    private final Class<? extends SocketChannel> channelClass;
    private final ReplicationProbe probe;
    private final StateLog stateLog;
    private final AtomicReference<Measurement> latest;
    private MysqlConnection connection;
    private Duration backoff;
    private volatile boolean closed;

    MysqlMonitor(AgentSettings settings, EventLoop loop, Class<? extends SocketChannel> channelClass, StateLog stateLog) {
        this.settings = settings;
        this.loop = loop;
        this.channelClass = channelClass;
        this.stateLog = stateLog;
        this.probe = new ReplicationProbe(settings.heartbeatTable());
        this.latest = new AtomicReference<>(Measurement.unreachable("no measurement yet", System.nanoTime()));
        this.backoff = settings.interval();
    }

    /** The latest measurement; never blocks. */
    Measurement latest() {
        return latest.get();
    }

    void start() {
        loop.execute(this::connect);
    }

    private void connect() {
        if (closed) {
            return;
        }
        CompletableFuture<MysqlConnection> attempt;
        try {
            attempt = MysqlClient.connect(loop, channelClass, settings.mysql(),
                    new MysqlCredentials(settings.user(), settings.password(), null), settings.connectTimeout());
        } catch (RuntimeException e) {
            attempt = CompletableFuture.failedFuture(e);
        }
        attempt.whenCompleteAsync(guarded((c, e) -> {
            if (closed) {
                closeQuietly(c);
            } else if (e != null) {
                publish(Measurement.unreachable("cannot connect to " + settings.mysqlName() + ": " + message(e), System.nanoTime()));
                reconnectLater();
            } else {
                LOG.info("Connected to MySQL {} (server {}, connection id {})", settings.mysqlName(),
                        c.serverVersion(), c.connectionId());
                connection = c;
                measure();
            }
        }), loop);
    }

    private void measure() {
        if (closed) {
            return;
        }
        MysqlConnection c = connection;
        if (c == null || !c.isOpen()) {
            drop("connection to " + settings.mysqlName() + " closed");
            return;
        }
        CompletableFuture<Measurement> round;
        try {
            round = probe.measure(c, System::nanoTime);
        } catch (RuntimeException e) {
            round = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Measurement> bounded = round;
        ScheduledFuture<?> timer = loop.schedule(() -> bounded.completeExceptionally(new TimeoutException()),
                settings.queryTimeout().toNanos(), TimeUnit.NANOSECONDS);
        bounded.whenCompleteAsync(guarded((m, e) -> {
            timer.cancel(false);
            if (closed || c != connection) {
                return;
            }
            Throwable cause = e == null ? null : ReplicationProbe.unwrap(e);
            if (cause == null) {
                publish(m);
                backoff = settings.interval();
                schedule(this::measure, settings.interval());
            } else if (cause instanceof MysqlException me) {
                publish(Measurement.unreachable("MySQL error " + me.code() + ": "
                        + ReplicationProbe.abbreviate(String.valueOf(me.getMessage())), System.nanoTime()));
                schedule(this::measure, settings.interval());
            } else if (cause instanceof TimeoutException) {
                drop("no answer within " + Times.format(settings.queryTimeout()));
            } else {
                drop("connection to " + settings.mysqlName() + " lost: " + message(cause));
            }
        }), loop);
    }

    /** The connection is unusable (or its state unknown after a timeout): close it and start over. */
    private void drop(String why) {
        publish(Measurement.unreachable(why, System.nanoTime()));
        closeQuietly(connection);
        connection = null;
        reconnectLater();
    }

    private void reconnectLater() {
        Duration wait = backoff;
        Duration doubled = backoff.multipliedBy(2);
        backoff = doubled.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : doubled;
        schedule(this::connect, wait);
    }

    private void schedule(Runnable task, Duration delay) {
        if (!closed) {
            loop.schedule(() -> guarded((a, b) -> task.run()).accept(null, null), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    /** Isolates a step: a bug in one round is logged and the measurements go on after a backoff. */
    private <T> BiConsumer<T, Throwable> guarded(BiConsumer<T, Throwable> step) {
        return (value, error) -> {
            try {
                step.accept(value, error);
            } catch (RuntimeException e) {
                stateLog.internalError("measurement round failed", e);
                schedule(this::connectOrMeasure, settings.maxBackoff());
            }
        };
    }

    private void connectOrMeasure() {
        if (connection != null && connection.isOpen()) {
            measure();
        } else {
            connection = null;
            connect();
        }
    }

    private void publish(Measurement m) {
        latest.set(m);
        stateLog.measured(m);
    }

    private static String message(Throwable e) {
        Throwable t = ReplicationProbe.unwrap(e);
        if (t instanceof MysqlException me) {
            return "MySQL error " + me.code() + ": " + ReplicationProbe.abbreviate(String.valueOf(me.getMessage()));
        }
        String m = t.getMessage();
        return ReplicationProbe.abbreviate(m == null || m.isBlank() ? t.getClass().getSimpleName() : m);
    }

    private static void closeQuietly(MysqlConnection c) {
        if (c != null) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the MySQL connection failed", e);
            }
        }
    }

    /** Stops measuring and closes the connection (with COM_QUIT when it is open). */
    @Override
    public void close() {
        closed = true;
        if (!loop.isShuttingDown()) {
            loop.execute(() -> {
                MysqlConnection c = connection;
                connection = null;
                if (c != null && c.isOpen()) {
                    c.quit().whenComplete((v, e) -> closeQuietly(c));
                } else {
                    closeQuietly(c);
                }
            });
        }
    }
}
