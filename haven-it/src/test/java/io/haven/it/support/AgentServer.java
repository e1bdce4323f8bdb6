package io.haven.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real agent for HAProxy's {@code agent-check} on 127.0.0.1: each connection gets the line the
 * test set last (e.g. {@code drain}, {@code 50%}, {@code down # disk full}), a newline, and is
 * closed, as the text protocol asks. Answers {@code ready up} until told otherwise.
 */
public final class AgentServer implements AutoCloseable {
    private final ServerSocket socket;
    private final ExecutorService pool = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "agent-server");
        t.setDaemon(true);
        return t;
    });
    private final AtomicInteger asked = new AtomicInteger();
    private volatile String line = "ready up";

    public AgentServer() throws IOException {
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        pool.execute(this::acceptLoop);
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** What the agent answers from now on. */
    public AgentServer answer(String newLine) {
        line = newLine;
        return this;
    }

    /** Connections answered so far. */
    public int asked() {
        return asked.get();
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept(); OutputStream out = s.getOutputStream()) {
                out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
                asked.incrementAndGet();
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
        pool.shutdownNow();
    }
}
