package io.haven.mysql;

import java.util.concurrent.CompletableFuture;

/**
 * An authenticated connection made by {@link MysqlClient#connect}. Methods may be called from any
 * thread; commands are sent in the order they were called, one at a time, and each future is
 * completed on the connection's event loop, so a callback must not block (never call
 * {@code join()} or {@code get()} there). Every command has the timeout given to {@code connect},
 * counted from the call: when it passes, that future fails with a
 * {@link java.util.concurrent.TimeoutException} and the connection is closed, failing the
 * commands behind it with an {@link java.io.IOException}. A server error (an ERR packet) fails
 * only its own command with a {@link MysqlException} and leaves the connection usable; a broken or
 * malformed stream fails every pending command with an {@code IOException} and closes it.
 */
public interface MysqlConnection extends AutoCloseable {

    /** Runs {@code sql} with COM_QUERY (text protocol) and completes with its first result. */
    CompletableFuture<ResultSet> query(String sql);

    /** COM_PING: completes when the server answers OK. */
    CompletableFuture<Void> ping();

    /**
     * After the commands already queued, sends COM_QUIT and closes; completes when the
     * connection is closed. Commands called after this fail with an {@code IOException}.
     */
    CompletableFuture<Void> quit();

    /** The server version from its greeting, without MariaDB's {@code 5.5.5-} prefix. */
    String serverVersion();

    /** The connection (thread) id the server assigned, as {@code CONNECTION_ID()} returns it. */
    long connectionId();

    /** True until the connection is closed, quit, or broken. */
    boolean isOpen();

    /** Closes the connection at once, without COM_QUIT; pending commands fail. Idempotent. */
    @Override
    void close();
}
