package io.haven.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A raw runtime API conversation, as {@code socat stdio unix:SOCKET} has one: a unix socket path
 * (starting with {@code /}) or {@code HOST:PORT}, lines written as typed, replies read as
 * received. Every read is bounded by a deadline, so a server that never answers fails the test
 * instead of hanging it.
 */
public final class StatsSocketClient implements AutoCloseable {
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final SocketChannel channel;
    private final Selector selector;
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private final ByteBuffer buffer = ByteBuffer.allocate(8192);
    private boolean eof;

    private StatsSocketClient(SocketChannel channel) throws IOException {
        this.channel = channel;
        channel.configureBlocking(false);
        this.selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
    }

    public static StatsSocketClient connect(String address) throws IOException {
        SocketAddress target;
        if (address.startsWith("/")) {
            target = UnixDomainSocketAddress.of(Path.of(address));
        } else {
            int colon = address.lastIndexOf(':');
            target = new InetSocketAddress(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
        }
        SocketChannel ch = SocketChannel.open(target);
        try {
            return new StatsSocketClient(ch);
        } catch (IOException e) {
            ch.close();
            throw e;
        }
    }

    /** {@code echo COMMAND | socat stdio ADDRESS}: one line in, everything until the server closes out. */
    public static String exchange(String address, String command) throws IOException {
        try (StatsSocketClient c = connect(address)) {
            c.send(command);
            return c.readToEnd();
        }
    }

    /** Writes {@code line} and a newline. */
    public void send(String line) throws IOException {
        ByteBuffer out = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
        while (out.hasRemaining()) {
            channel.write(out);
        }
    }

    /** Everything received up to and including the first {@code marker}; the rest stays for the next read. */
    public String readUntil(String marker) throws IOException {
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (true) {
            String text = received.toString(StandardCharsets.UTF_8);
            int at = text.indexOf(marker);
            if (at >= 0) {
                String head = text.substring(0, at + marker.length());
                received.reset();
                received.writeBytes(text.substring(at + marker.length()).getBytes(StandardCharsets.UTF_8));
                return head;
            }
            if (eof) {
                throw new IOException("connection closed before '" + marker + "'; received: " + text);
            }
            readSome(deadline, text);
        }
    }

    /** Everything until the server closes the connection. */
    public String readToEnd() throws IOException {
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (!eof) {
            readSome(deadline, received.toString(StandardCharsets.UTF_8));
        }
        String text = received.toString(StandardCharsets.UTF_8);
        received.reset();
        return text;
    }

    private void readSome(long deadline, String sofar) throws IOException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException("no reply within " + READ_TIMEOUT + "; received: " + sofar);
        }
        selector.select(left);
        selector.selectedKeys().clear();
        int n;
        while ((n = channel.read(buffer.clear())) > 0) {
            received.write(buffer.array(), 0, n);
        }
        if (n < 0) {
            eof = true;
        }
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
