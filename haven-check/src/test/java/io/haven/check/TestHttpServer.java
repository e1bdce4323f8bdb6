package io.haven.check;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The JDK's HTTP server on 127.0.0.1 answering every request with a settable status and body,
 * and remembering the last request it saw.
 */
final class TestHttpServer implements AutoCloseable {
    /** The parts of a request a check test looks at. */
    record Request(String method, String uri, String protocol, String connection, String host) {
    }

    private final HttpServer server;
    private volatile int status = 200;
    private volatile String body = "";
    private volatile boolean chunked;
    private final AtomicReference<Request> last = new AtomicReference<>();

    private TestHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.createContext("/", this::handle);
        server.start();
    }

    static TestHttpServer start() throws IOException {
        return new TestHttpServer();
    }

    TestHttpServer respond(int newStatus, String newBody) {
        body = newBody;
        status = newStatus;
        return this;
    }

    /** Sends bodies with chunked transfer encoding (to HTTP/1.1 requests) instead of a length. */
    TestHttpServer chunked() {
        chunked = true;
        return this;
    }

    int port() {
        return server.getAddress().getPort();
    }

    Request lastRequest() {
        return last.get();
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            x.getRequestBody().readAllBytes();
            last.set(new Request(x.getRequestMethod(), x.getRequestURI().toString(), x.getProtocol(),
                    x.getRequestHeaders().getFirst("Connection"), x.getRequestHeaders().getFirst("Host")));
            byte[] b = body.getBytes(StandardCharsets.UTF_8);
            boolean head = x.getRequestMethod().equals("HEAD");
            x.sendResponseHeaders(status, b.length == 0 || head ? -1 : chunked ? 0 : b.length);
            if (b.length > 0 && !head) {
                x.getResponseBody().write(b);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
