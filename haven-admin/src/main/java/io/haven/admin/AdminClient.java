package io.haven.admin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * A minimal runtime API client, for {@code haven ctl} and {@code haven reload}: connects to a unix
 * socket path or {@code HOST:PORT}, sends one line, and returns everything the server writes
 * until it closes the connection (the non-interactive mode of the stats socket).
 */
public final class AdminClient {
    /** How long {@link #send(String, String)} waits for the connection and the whole reply. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private AdminClient() {
    }

    public static String send(String address, String command) throws IOException {
        return send(address, command, DEFAULT_TIMEOUT);
    }

    /**
     * Sends {@code command} and a newline to the socket at {@code address}, then reads until the
     * server closes.
     *
     * @throws SocketTimeoutException when the reply has not ended within {@code timeout}
     */
    public static String send(String address, String command, Duration timeout) throws IOException {
        SocketAddress target = AdminAddress.parse(address);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (SocketChannel ch = connect(target, timeout)) {
            ByteBuffer out = ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8));
            while (out.hasRemaining()) {
                ch.write(out);
            }
            return readToEnd(ch, deadline, address);
        }
    }

    private static SocketChannel connect(SocketAddress target, Duration timeout) throws IOException {
        if (target instanceof InetSocketAddress inet) {
            SocketChannel ch = SocketChannel.open();
            try {
                ch.socket().connect(inet, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
                return ch;
            } catch (IOException e) {
                ch.close();
                throw e;
            }
        }
        return SocketChannel.open(target);
    }

    private static String readToEnd(SocketChannel ch, long deadline, String address) throws IOException {
        ch.configureBlocking(false);
        ByteArrayOutputStream reply = new ByteArrayOutputStream();
        ByteBuffer buf = ByteBuffer.allocate(8192);
        try (Selector selector = Selector.open()) {
            ch.register(selector, SelectionKey.OP_READ);
            while (true) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new SocketTimeoutException("no complete reply from the runtime API at " + address);
                }
                selector.select(left);
                selector.selectedKeys().clear();
                int n;
                while ((n = ch.read(buf.clear())) > 0) {
                    reply.write(buf.array(), 0, n);
                }
                if (n < 0) {
                    return reply.toString(StandardCharsets.UTF_8);
                }
            }
        }
    }
}
