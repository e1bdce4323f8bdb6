package io.haven.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP check service (the JDK's HTTP server) on one loopback address, as a replica's
 * health endpoint: every path answers with the status and body the test set for it, or with
 * the default ({@code 200 OK}) when none was set. The answers can be switched while Haven
 * checks it; each request is counted.
 */
public final class HealthEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Reply> replies = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private volatile Reply fallback = new Reply(200, "OK");

    private HealthEndpoint(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** An endpoint on 127.0.0.1 at a free port. */
    public static HealthEndpoint start() throws IOException {
        return start(InetAddress.getLoopbackAddress(), 0);
    }

    /** An endpoint on {@code address:port} (port 0 picks a free one). */
    public static HealthEndpoint start(InetAddress address, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(address, port), 64);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "health-endpoint-" + address.getHostAddress());
            t.setDaemon(true);
            return t;
        });
        HealthEndpoint endpoint = new HealthEndpoint(server, executor);
        server.createContext("/", endpoint::handle);
        server.setExecutor(executor);
        server.start();
        return endpoint;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Every path answers {@code status} with {@code body} from now on, unless set per path. */
    public HealthEndpoint answer(int status, String body) {
        fallback = new Reply(status, body);
        return this;
    }

    /** Every path answers {@code status} with the reason phrase as body. */
    public HealthEndpoint answer(int status) {
        return answer(status, reason(status));
    }

    /** {@code path} answers {@code status} from now on. */
    public HealthEndpoint answer(String path, int status) {
        replies.put(path, new Reply(status, reason(status)));
        return this;
    }

    /** Forgets the per-path answers and answers 200 everywhere. */
    public HealthEndpoint reset() {
        replies.clear();
        fallback = new Reply(200, "OK");
        return this;
    }

    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            requests.incrementAndGet();
            x.getRequestBody().readAllBytes();
            Reply r = replies.getOrDefault(x.getRequestURI().getPath(), fallback);
            byte[] body = r.body().getBytes(StandardCharsets.UTF_8);
            x.getResponseHeaders().set("Content-Type", "text/plain");
            x.sendResponseHeaders(r.status(), body.length == 0 ? -1 : body.length);
            if (body.length > 0) {
                try (OutputStream out = x.getResponseBody()) {
                    out.write(body);
                }
            }
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 404 -> "Not Found";
            case 503 -> "Service Unavailable";
            default -> "Status " + status;
        };
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private record Reply(int status, String body) {
    }
}
