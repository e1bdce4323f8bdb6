package io.haven.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP side on the JDK's server with raw requests as HAProxy's {@code option httpchk} sends
 * them: HTTP/1.0 without headers, HTTP/1.1 with keep-alive, HEAD, OPTIONS, other methods; the
 * measurement is set by the test, the hint files are real.
 */
class CheckHandlerHttpTest {
    @TempDir
    Path hints;
    CheckServer server;
    final AtomicReference<Measurement> latest = new AtomicReference<>();

    @BeforeEach
    void start() throws IOException {
        latest.set(Measurement.replica(Duration.ofMillis(50), System.nanoTime()));
        // a generous staleness: these tests are about HTTP, not time
        server = CheckServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), new CheckHandler(
                latest::get, hints, Duration.ofSeconds(1), Duration.ofHours(1), new StateLog("test", Duration.ofSeconds(1))));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    String exchange(String request) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(server.address(), 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
            // reading to EOF proves the agent closes the connection after the answer
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            s.getInputStream().transferTo(b);
            return b.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void haproxysHttp10CheckGetsTheStatusLineAndTheReason() throws IOException {
        String r = exchange("GET /check-lag HTTP/1.0\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 200 OK\r\n").containsIgnoringCase("Content-type: text/plain")
                .containsIgnoringCase("Connection: close").endsWith("\r\n\r\nlag 0.050s <= max-lag 1.000s\n");
    }

    @Test
    void anHttp11KeepAliveRequestIsAnsweredAndClosed() throws IOException {
        String r = exchange("GET /check-lag?max-lag=10ms HTTP/1.1\r\nHost: replica\r\nConnection: keep-alive\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 503 Service Unavailable\r\n")
                .endsWith("lagging: lag 0.050s > max-lag 0.010s\n");
    }

    @Test
    void headAnswersTheStatusWithoutABody() throws IOException {
        String r = exchange("HEAD /master HTTP/1.0\r\n\r\n");
        assertThat(r).startsWith("HTTP/1.1 404 Not Found\r\n").endsWith("\r\n\r\n");
    }

    @Test
    void haproxysDefaultOptionsSlashIs404UnknownCheck() throws IOException {
        assertThat(exchange("OPTIONS / HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 404 ").endsWith("unknown check\n");
        assertThat(exchange("OPTIONS /ignore-lag HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 200 ");
    }

    @Test
    void optionsStarIsNotACheck() throws IOException {
        assertThat(exchange("OPTIONS * HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 404 ");
    }

    @Test
    void otherMethodsAre405() throws IOException {
        assertThat(exchange("POST /check-lag HTTP/1.0\r\nContent-Length: 0\r\n\r\n"))
                .startsWith("HTTP/1.1 405 ").containsIgnoringCase("Allow: GET, HEAD, OPTIONS");
    }

    @Test
    void hintFilesAreReadOnEveryRequest() throws IOException {
        assertThat(exchange("GET /check-lag HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 200 ");
        Files.writeString(hints.resolve("force-error"), "disk failing\n");
        assertThat(exchange("GET /check-lag HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 503 ")
                .endsWith("force-error hint: disk failing\n");
        Files.delete(hints.resolve("force-error"));
        assertThat(exchange("GET /check-lag HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 200 ");
    }

    @Test
    void anAgentFailureAnswers503AndTheServiceGoesOn() throws IOException {
        latest.set(null);
        assertThat(exchange("GET /check-lag HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 503 ")
                .endsWith("agent error: NullPointerException\n");
        latest.set(Measurement.writer(System.nanoTime()));
        assertThat(exchange("GET /master HTTP/1.0\r\n\r\n")).startsWith("HTTP/1.1 200 ").endsWith("master\n");
    }
}
