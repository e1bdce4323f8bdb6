package io.haven.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real TCP server on one loopback address that greets each connection with its name and a
 * newline, then echoes what it receives until the client closes. A short client reads the
 * greeting and hangs up; a long-lived one stays connected and can prove the connection still
 * works by an echo. Unlike {@link NamedServers} it binds any 127.0.0.0/8 address and a given
 * port, so several "hosts" can share one port number.
 */
public final class GreetingServer implements AutoCloseable {
    private final String name;
    private final InetSocketAddress address;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "greeting-server");
        t.setDaemon(true);
        return t;
    });
    private volatile ServerSocket socket;
    private volatile int port;

    private GreetingServer(String name, InetSocketAddress address) {
        this.name = name;
        this.address = address;
    }

    /** A server named {@code name} on 127.0.0.1 at a free port. */
    public static GreetingServer start(String name) throws IOException {
        GreetingServer s = new GreetingServer(name, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        s.bind();
        return s;
    }

    /** A server named {@code name} on {@code ip:port}. */
    public static GreetingServer start(String name, String ip, int port) throws IOException {
        GreetingServer s = new GreetingServer(name, new InetSocketAddress(InetAddress.getByName(ip), port));
        s.bind();
        return s;
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    /** Connections accepted since the start. */
    public int accepted() {
        return accepted.get();
    }

    /** Connections currently open. */
    public int open() {
        return open.size();
    }

    /** Stops listening and drops every open connection; {@link #restart()} binds the same port again. */
    public void stop() throws IOException {
        ServerSocket ss = socket;
        if (ss != null) {
            ss.close();
        }
        for (Socket s : open) {
            s.close();
        }
    }

    public void restart() throws IOException {
        stop();
        bind(new InetSocketAddress(address.getAddress(), port));
    }

    private void bind() throws IOException {
        bind(address);
    }

    private void bind(InetSocketAddress at) throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(at, 512);
        socket = ss;
        port = ss.getLocalPort();
        pool.execute(() -> acceptLoop(ss));
    }

    private void acceptLoop(ServerSocket ss) {
        while (!ss.isClosed()) {
            try {
                Socket s = ss.accept();
                accepted.incrementAndGet();
                open.add(s);
                pool.execute(() -> serve(s));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            out.write((name + "\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] buf = new byte[8192];
            int n;
            while ((n = in.read(buf)) >= 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException ignored) {
            // the client or the proxy went away
        } finally {
            open.remove(s);
        }
    }

    @Override
    public void close() throws IOException {
        stop();
        pool.shutdownNow();
    }
}
