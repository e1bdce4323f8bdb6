package io.haven.admin;

import io.haven.config.model.AccessLevel;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One runtime API connection, served on a blocking channel. Non-interactive by default: one line
 * is read, run, answered, and the connection closes. After {@code prompt} it keeps reading lines
 * until {@code quit}, the end of input, or {@code stats timeout} of silence. A line longer than
 * {@link #MAX_LINE} bytes is refused and the connection closed.
 */
final class CliConnection implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(CliConnection.class);
    static final int MAX_LINE = 64 * 1024;
    static final String TOO_LONG = "Command line too long: the limit is " + MAX_LINE + " bytes.\n\n";

    private final SocketChannel channel;
    private final RuntimeApi api;
    private final AccessLevel level;
    private final String peer;
    private final ScheduledExecutorService timer;
    private final LongSupplier idleTimeoutMillis;
    private final Runnable onClose;
    private final ByteBuffer readBuffer = ByteBuffer.allocate(8192);
    private byte[] pending = new byte[1024];
    private int pendingLength;
    private boolean eof;

    CliConnection(SocketChannel channel, RuntimeApi api, AccessLevel level, String peer, ScheduledExecutorService timer,
                  LongSupplier idleTimeoutMillis, Runnable onClose) {
        this.channel = channel;
        this.api = api;
        this.level = level;
        this.peer = peer;
        this.timer = timer;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.onClose = onClose;
    }

    @Override
    public void run() {
        CliSession session = new CliSession(level, peer);
        try {
            while (true) {
                String line = readLine();
                if (line == null) {
                    return;
                }
                write(api.execute(line, session));
                if (session.quitRequested() || !session.interactive()) {
                    return;
                }
            }
        } catch (LineTooLongException e) {
            writeQuietly(TOO_LONG);
        } catch (AsynchronousCloseException e) {
            LOG.debug("runtime API connection closed after {} ms of silence or at shutdown", idleTimeoutMillis.getAsLong());
        } catch (IOException | RuntimeException e) {
            LOG.warn("runtime API connection failed: {}", e.toString());
        } finally {
            close();
        }
    }

    /** The next line without its end of line, or null at the end of input with nothing pending. */
    private String readLine() throws IOException {
        int scanned = 0;
        while (true) {
            for (int i = scanned; i < pendingLength; i++) {
                if (pending[i] == '\n') {
                    String line = new String(pending, 0, i, StandardCharsets.UTF_8);
                    System.arraycopy(pending, i + 1, pending, 0, pendingLength - i - 1);
                    pendingLength -= i + 1;
                    return line;
                }
            }
            scanned = pendingLength;
            if (pendingLength > MAX_LINE) {
                throw new LineTooLongException();
            }
            if (eof) {
                if (pendingLength == 0) {
                    return null;
                }
                String last = new String(pending, 0, pendingLength, StandardCharsets.UTF_8);
                pendingLength = 0;
                return last;
            }
            readMore();
        }
    }

    private void readMore() throws IOException {
        readBuffer.clear();
        int n;
        ScheduledFuture<?> deadline = armTimeout();
        try {
            n = channel.read(readBuffer);
        } finally {
            deadline.cancel(false);
        }
        if (n < 0) {
            eof = true;
            return;
        }
        if (pendingLength + n > pending.length) {
            pending = Arrays.copyOf(pending, Math.max(pending.length * 2, pendingLength + n));
        }
        readBuffer.flip();
        readBuffer.get(pending, pendingLength, n);
        pendingLength += n;
    }

    private void write(String text) throws IOException {
        ByteBuffer out = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        ScheduledFuture<?> deadline = armTimeout();
        try {
            while (out.hasRemaining()) {
                channel.write(out);
            }
        } finally {
            deadline.cancel(false);
        }
    }

    private void writeQuietly(String text) {
        try {
            write(text);
        } catch (IOException | RuntimeException e) {
            LOG.debug("could not tell the runtime API client why it is disconnected", e);
        }
    }

    /** Blocking channels have no read timeout: a timer closes the channel, which ends the blocked call. */
    private ScheduledFuture<?> armTimeout() {
        long timeout = idleTimeoutMillis.getAsLong();
        return timer.schedule(this::close, timeout > 0 ? timeout : 10_000, TimeUnit.MILLISECONDS);
    }

    void close() {
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a runtime API connection", e);
        }
        onClose.run();
    }

    private static final class LineTooLongException extends IOException {
        LineTooLongException() {
            super("runtime API line longer than " + MAX_LINE + " bytes");
        }
    }
}
