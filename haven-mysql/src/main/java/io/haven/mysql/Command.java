package io.haven.mysql;

import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * One queued command: its payload, how to read the answer (none for COM_QUIT), the caller's
 * future and its deadline. Lives on the connection's event loop.
 */
final class Command<T> {
    private static final int COM_QUIT = 0x01;
    private static final int COM_QUERY = 0x03;
    private static final int COM_PING = 0x0e;

    final String name;
    final byte[] payload;
    final CompletableFuture<T> future = new CompletableFuture<>();
    private final ResponseReader<T> reader;
    private ScheduledFuture<?> deadline;

    private Command(String name, byte[] payload, ResponseReader<T> reader) {
        this.name = name;
        this.payload = payload;
        this.reader = reader;
    }

    static Command<ResultSet> query(String sql) {
        byte[] text = sql.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[1 + text.length];
        payload[0] = COM_QUERY;
        System.arraycopy(text, 0, payload, 1, text.length);
        return new Command<>("COM_QUERY", payload, new ResultSetReader());
    }

    static Command<Void> ping() {
        return new Command<>("COM_PING", new byte[] {COM_PING}, ResponseReader.ok("COM_PING"));
    }

    static Command<Void> quit() {
        return new Command<>("COM_QUIT", new byte[] {COM_QUIT}, null);
    }

    boolean isQuit() {
        return reader == null;
    }

    void deadline(ScheduledFuture<?> timer) {
        this.deadline = timer;
    }

    /** Feeds one packet of the answer; true when the answer is complete and the future completed. */
    boolean read(Packet packet) throws MysqlException {
        if (!reader.read(packet)) {
            return false;
        }
        complete(reader.result());
        return true;
    }

    void complete(T value) {
        cancelDeadline();
        future.complete(value);
    }

    void fail(Throwable cause) {
        cancelDeadline();
        future.completeExceptionally(cause);
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}
