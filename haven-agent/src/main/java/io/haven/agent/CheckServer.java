package io.haven.agent;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP side: the JDK's {@code HttpServer} with a few daemon threads.
 *
 * <p>Why the JDK server rather than Netty: a check service sees a few requests per second, each
 * answered from memory plus a few {@code stat} calls; the JDK server already parses HTTP/1.0 and
 * 1.1, HEAD and keep-alive correctly, and needs no dependency (Netty's HTTP codec is not in the
 * build, and a hand-written parser is one more thing to get wrong). Request threads never touch
 * the MySQL event loop, so a hung MySQL never delays an answer.
 *
 * <p>Its weak point is that it reads a request's head on a pool thread with a blocking read: a
 * client that sends half a request holds that thread. So the server's request time limit
 * ({@code sun.net.httpserver.maxReqTime}, off by default) is set to {@value #MAX_REQUEST_SECONDS} s
 * unless the operator set it, which closes such a connection and frees the thread, and there are
 * {@value #THREADS} threads, so a few stalled clients do not delay HAProxy's checks. The limit is
 * read once per JVM, when the first server is made: every server of the agent is made here.
 */
final class CheckServer implements AutoCloseable {
    static final int THREADS = 4;
    static final int MAX_REQUEST_SECONDS = 5;
    private static final int BACKLOG = 64;

    private final HttpServer server;
    private final ExecutorService threads;

    private CheckServer(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** Binds {@code address} and serves every path with {@code handler}. */
    static CheckServer start(InetSocketAddress address, HttpHandler handler) throws IOException {
        for (String limit : new String[] {"sun.net.httpserver.maxReqTime", "sun.net.httpserver.maxRspTime"}) {
            if (System.getProperty(limit) == null) {
                System.setProperty(limit, Integer.toString(MAX_REQUEST_SECONDS));
            }
        }
        HttpServer server = HttpServer.create(address, BACKLOG);
        AtomicInteger n = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(THREADS, r -> {
            Thread t = new Thread(r, "haven-agent-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", handler);
        server.setExecutor(threads);
        server.start();
        return new CheckServer(server, threads);
    }

    InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
        try {
            threads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
