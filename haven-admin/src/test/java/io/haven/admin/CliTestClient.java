package io.haven.admin;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A raw runtime API client for tests: writes text, reads with deadlines, never blocks forever. */
final class CliTestClient implements Closeable {
    private final SocketChannel channel;
    private final Selector selector;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private int consumed;
    private boolean eof;

    CliTestClient(SocketAddress address) throws IOException {
        channel = SocketChannel.open(address);
        channel.configureBlocking(false);
        selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    void send(String text) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    /** Reads until the text received since the last call ends with {@code suffix}; returns that text. */
    String readUntil(String suffix, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!pending().endsWith(suffix)) {
            if (eof || !readSome(deadline)) {
                throw new IOException("expected text ending with '" + suffix + "', got '" + pending() + "'");
            }
        }
        return take();
    }

    /** Reads until the server closes; returns the text received since the last call. */
    String readToEof(Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!eof) {
            if (!readSome(deadline)) {
                throw new IOException("the server did not close the connection; got '" + pending() + "'");
            }
        }
        return take();
    }

    void shutdownOutput() throws IOException {
        channel.shutdownOutput();
    }

    boolean closedByServer() throws IOException {
        readSome(System.nanoTime() + 100_000_000L);
        return eof;
    }

    private boolean readSome(long deadline) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            return false;
        }
        selector.select(left);
        selector.selectedKeys().clear();
        ByteBuffer b = ByteBuffer.allocate(65536);
        int n;
        try {
            n = channel.read(b);
        } catch (IOException e) {
            n = -1; // reset by the server
        }
        if (n < 0) {
            eof = true;
        } else {
            received.write(b.array(), 0, n);
        }
        return true;
    }

    private String pending() {
        return received.toString(StandardCharsets.UTF_8).substring(consumed);
    }

    private String take() {
        String all = received.toString(StandardCharsets.UTF_8);
        String out = all.substring(consumed);
        consumed = all.length();
        return out;
    }

    @Override
    public void close() throws IOException {
        selector.close();
        channel.close();
    }
}
