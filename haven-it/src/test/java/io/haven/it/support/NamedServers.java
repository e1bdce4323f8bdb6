package io.haven.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Real TCP servers on 127.0.0.1 that answer each connection with their name and close, like
 * the tutorial's servers answering with their hostname. Each counts its connections and can
 * be stopped and started again on the same port.
 */
public final class NamedServers implements AutoCloseable {
    private final List<Peer> peers = new ArrayList<>();
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "named-server");
        t.setDaemon(true);
        return t;
    });

    public NamedServers(String... names) throws IOException {
        for (String n : names) {
            Peer p = new Peer(n, Net.freePort());
            peers.add(p);
            p.start();
        }
    }

    public int port(int i) {
        return peers.get(i).port;
    }

    public int connections(int i) {
        return peers.get(i).count.get();
    }

    public void stop(int i) throws IOException {
        peers.get(i).stop();
    }

    public void start(int i) throws IOException {
        peers.get(i).start();
    }

    @Override
    public void close() throws IOException {
        for (Peer p : peers) {
            p.stop();
        }
        pool.shutdownNow();
    }

    private final class Peer {
        final String name;
        final int port;
        final AtomicInteger count = new AtomicInteger();
        volatile ServerSocket socket;

        Peer(String name, int port) {
            this.name = name;
            this.port = port;
        }

        void start() throws IOException {
            ServerSocket ss = new ServerSocket();
            ss.setReuseAddress(true);
            ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 512);
            socket = ss;
            pool.execute(() -> {
                byte[] reply = (name + "\n").getBytes(StandardCharsets.US_ASCII);
                while (!ss.isClosed()) {
                    try {
                        Socket s = ss.accept();
                        count.incrementAndGet();
                        pool.execute(() -> {
                            try (s; OutputStream out = s.getOutputStream()) {
                                out.write(reply);
                            } catch (IOException ignored) {
                                // client went away
                            }
                        });
                    } catch (IOException e) {
                        return;
                    }
                }
            });
        }

        void stop() throws IOException {
            ServerSocket ss = socket;
            if (ss != null) {
                ss.close();
            }
        }
    }
}
