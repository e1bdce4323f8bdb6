package io.haven.check;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real TCP peer on 127.0.0.1 for check tests: accepts connections and runs a handler for each
 * on its own thread; the connection is closed when the handler returns. Counts connections,
 * including how many were open at once.
 */
final class TestPeer implements AutoCloseable {
    /** What the peer does with one accepted connection. */
    @FunctionalInterface
    interface Handler {
        void handle(Socket socket) throws IOException;
    }

    /** Accepts and closes at once. */
    static final Handler CLOSE = s -> { };

    /** Never answers; waits until the client goes away. */
    static final Handler SILENT = TestPeer::drain;

    private final ServerSocket server;
    private final Handler handler;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "test-peer");
        t.setDaemon(true);
        return t;
    });
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger concurrent = new AtomicInteger();
    private final AtomicInteger maxConcurrent = new AtomicInteger();

    private TestPeer(ServerSocket server, Handler handler) {
        this.server = server;
        this.handler = handler;
        threads.execute(this::acceptLoop);
    }

    static TestPeer start(Handler handler) throws IOException {
        return start(0, handler);
    }

    /** Listens on {@code port} of 127.0.0.1 (0 for any free port). */
    static TestPeer start(int port, Handler handler) throws IOException {
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        return new TestPeer(s, handler);
    }

    /** A port of 127.0.0.1 where nothing listens. */
    static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static void drain(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[1024];
        while (in.read(buf) >= 0) {
            // discard until the client closes
        }
    }

    int port() {
        return server.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    int maxConcurrent() {
        return maxConcurrent.get();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException closed) {
                return;
            }
            accepted.incrementAndGet();
            maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
            open.add(s);
            threads.execute(() -> serve(s));
        }
    }

    private void serve(Socket s) {
        try (s) {
            handler.handle(s);
        } catch (SocketException gone) {
            // the check closed first
        } catch (IOException e) {
            // the test asserts on what the check saw
        } finally {
            open.remove(s);
            concurrent.decrementAndGet();
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : open) {
            s.close();
        }
        threads.shutdownNow();
        try {
            threads.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
