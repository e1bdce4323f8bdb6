package io.haven.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The demo's HTTP servers (the JDK's built-in server, keep-alive included): each answers every
 * request with its name, the path it was asked for and the client address Haven forwarded
 * ({@code X-Forwarded-For}), so the HTTP frontend's balancing and headers can be seen with curl.
 */
final class DemoWebServers implements AutoCloseable {
    private final List<HttpServer> servers = new ArrayList<>();
    private final ExecutorService threads = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "demo-http");
        t.setDaemon(true);
        return t;
    });
    private final List<String> names;

    DemoWebServers(List<String> names) throws IOException {
        this.names = List.copyOf(names);
        for (String name : names) {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            s.createContext("/", exchange -> {
                String xff = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
                byte[] body = ("Hello from " + name + " (HTTP): " + exchange.getRequestMethod() + " "
                        + exchange.getRequestURI() + ", X-Forwarded-For: " + (xff == null ? "-" : xff) + "\n")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getRequestBody().readAllBytes();
                exchange.getResponseHeaders().add("Content-Type", "text/plain; charset=utf-8");
                exchange.getResponseHeaders().add("X-Served-By", name);
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            s.setExecutor(threads);
            s.start();
            servers.add(s);
        }
    }

    List<String> names() {
        return names;
    }

    int port(int i) {
        return servers.get(i).getAddress().getPort();
    }

    @Override
    public void close() {
        for (HttpServer s : servers) {
            s.stop(0);
        }
        threads.shutdownNow();
    }
}
