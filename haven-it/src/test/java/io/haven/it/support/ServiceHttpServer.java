package io.haven.it.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.haven.core.Backend;
import io.haven.core.Frontend;
import io.haven.core.http.HttpHeaders;
import io.haven.core.http.HttpReply;
import io.haven.core.http.HttpRequest;
import io.haven.core.http.HttpResponse;
import io.haven.core.http.HttpService;
import io.haven.core.http.HttpTxn;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Serves Haven's {@link HttpService}s (the stats page) on 127.0.0.1 with the JDK's HTTP server, in
 * the test's JVM: a stand-in for the HTTP data plane, so that a real browser can drive a service
 * before {@code mode http} carries requests through the real program. Requests no service matches
 * get a 404, as a proxy without servers would answer with an error.
 */
public final class ServiceHttpServer implements AutoCloseable {
    private final HttpServer server;

    private ServiceHttpServer(HttpServer server) {
        this.server = server;
    }

    public static ServiceHttpServer start(List<HttpService> services) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        s.createContext("/", ex -> {
            try (ex) {
                handle(ex, services);
            }
        });
        s.start();
        return new ServiceHttpServer(s);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL, {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://127.0.0.1:" + port();
    }

    private static void handle(HttpExchange ex, List<HttpService> services) throws IOException {
        HttpHeaders headers = new HttpHeaders();
        ex.getRequestHeaders().forEach((name, values) -> values.forEach(v -> headers.add(name, v)));
        Txn txn = new Txn(new HttpRequest(ex.getRequestMethod(), ex.getRequestURI().toString(), 1, headers),
                ex.getRemoteAddress(), ex.getLocalAddress());
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        for (HttpService service : services) {
            if (service.matches(txn)) {
                reply(ex, service.serve(txn, body));
                return;
            }
        }
        reply(ex, HttpReply.error(404));
    }

    private static void reply(HttpExchange ex, HttpReply r) throws IOException {
        HttpHeaders h = r.headers();
        for (int i = 0; i < h.size(); i++) {
            ex.getResponseHeaders().add(h.name(i), h.value(i));
        }
        byte[] body = r.body() != null ? r.body() : (r.status() + " " + r.reason() + "\n").getBytes(StandardCharsets.UTF_8);
        boolean head = ex.getRequestMethod().equals("HEAD");
        ex.sendResponseHeaders(r.status(), head || body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** One exchange as a service sees it. */
    private record Txn(HttpRequest request, InetSocketAddress client, InetSocketAddress local,
                       Map<String, Object> txnVars, Map<String, Object> sessionVars) implements HttpTxn {
        Txn(HttpRequest request, InetSocketAddress client, InetSocketAddress local) {
            this(request, client, local, new HashMap<>(), new HashMap<>());
        }

        @Override
        public HttpResponse response() {
            return null;
        }

        @Override
        public boolean secure() {
            return false;
        }

        @Override
        public InetAddress src() {
            return client.getAddress();
        }

        @Override
        public int srcPort() {
            return client.getPort();
        }

        @Override
        public InetAddress dst() {
            return local.getAddress();
        }

        @Override
        public int dstPort() {
            return local.getPort();
        }

        @Override
        public Frontend frontend() {
            return null;
        }

        @Override
        public Backend backend() {
            return null;
        }
    }
}
