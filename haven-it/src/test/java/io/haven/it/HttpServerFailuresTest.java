package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import io.haven.it.support.RawHttp;
import io.haven.it.support.ScriptedServer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** What the client gets when the server misbehaves: 502 for a response Haven cannot trust, 504 when it is late. */
class HttpServerFailuresTest {
    @TempDir
    static Path dir;
    static ScriptedServer server;
    static HavenProcess haven;
    static int port;
    static int queuePort;
    static int firstPort;

    @BeforeAll
    static void start() throws Exception {
        server = new ScriptedServer(Map.of(
                "/bad-status", "HTTP/1.1 2x0 OK\r\nContent-Length: 0\r\n\r\n",
                "/bad-length", "HTTP/1.1 200 OK\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\nab",
                "/bad-header", "HTTP/1.1 200 OK\r\nBad Header: x\r\nContent-Length: 0\r\n\r\n",
                "/empty", ScriptedServer.CLOSE,
                "/hang", ScriptedServer.HANG,
                "/until-close", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nall of this until the close",
                "/keep-once", ScriptedServer.KEEP_ONCE + "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nonce",
                "/keep-once-408", ScriptedServer.KEEP_ONCE_408 + "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nonce"));
        port = Net.freePort();
        queuePort = Net.freePort();
        firstPort = Net.freePort();
        Path cfg = dir.resolve("failures.cfg");
        Files.writeString(cfg, """
                global
                    nbthread 1
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 10s
                    timeout server 500ms
                    retries 0
                frontend fe
                    bind 127.0.0.1:%1$d
                    default_backend be
                backend be
                    server scripted 127.0.0.1:%2$d
                frontend fe_queue
                    bind 127.0.0.1:%3$d
                    default_backend be_queue
                backend be_queue
                    timeout queue 200ms
                    server scripted 127.0.0.1:%2$d maxconn 1
                frontend fe_first
                    bind 127.0.0.1:%4$d
                    default_backend be_first
                backend be_first
                    server scripted 127.0.0.1:%2$d
                """.formatted(port, server.port(), queuePort, firstPort));
        haven = HavenProcess.start(dir, cfg, port, queuePort, firstPort);
    }

    @AfterAll
    static void stop() throws Exception {
        if (haven != null) {
            haven.close();
        }
        server.close();
    }

    private static String exchange(String path) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/bad-status", "/bad-length", "/bad-header", "/empty"})
    void anUntrustworthyResponseIsA502(String path) throws Exception {
        String answer = exchange(path);
        assertThat(answer).startsWith("HTTP/1.1 502 Bad Gateway\r\n")
                .endsWith("<html><body><h1>502 Bad Gateway</h1>\nThe server returned an invalid or incomplete response.\n</body></html>\n")
                .doesNotContain("ab");
    }

    @Test
    void aReusedConnectionClosedByTheServerIsRetriedOnANewOne() throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            assertThat(c.get("/keep-once").body()).isEqualTo("once");
            // the server closes the pooled connection when this request arrives on it, unanswered
            assertThat(c.get("/keep-once").body()).isEqualTo("once");
        }
    }

    @Test
    void aReusedConnectionThatDiesUnderANewClientsFirstGetIsRetriedInvisibly() throws Exception {
        assertThat(secondClientOnAnIdleConnection("/keep-once"))
                .as("requests and connections the server saw: sent on the idle connection, which died, then on a new one")
                .containsExactly(2, 1);
    }

    @Test
    void aReusedConnectionWhoseServerAnswers408IsRetriedOnANewOne() throws Exception {
        assertThat(secondClientOnAnIdleConnection("/keep-once-408"))
                .as("requests and connections the server saw: a 408 on the idle connection, then a 200 on a new one")
                .containsExactly(2, 1);
    }

    /**
     * A first client leaves an idle connection in be_first's pool (its own; one event loop:
     * nbthread 1); a second, new client's first GET of {@code path} must get the scripted 200. Returns
     * the requests and the connections the server saw for the second client.
     */
    private static int[] secondClientOnAnIdleConnection(String path) throws Exception {
        try (RawHttp a = new RawHttp(firstPort)) {
            assertThat(a.get(path).body()).isEqualTo("once");
        }
        int accepted = server.accepted();
        int requests = server.requests();
        try (RawHttp b = new RawHttp(firstPort)) {
            RawHttp.Response r = b.get(path);
            assertThat(r.head()).startsWith("HTTP/1.1 200 ");
            assertThat(r.body()).isEqualTo("once");
        }
        return new int[] {server.requests() - requests, server.accepted() - accepted};
    }

    @Test
    void aRequestThatWaitsLongerThanTimeoutQueueForAServerSlotIsA503() throws Exception {
        int before = server.accepted();
        try (Socket busy = new Socket("127.0.0.1", queuePort); Socket waiting = new Socket("127.0.0.1", queuePort)) {
            busy.setSoTimeout(10_000);
            waiting.setSoTimeout(10_000);
            busy.getOutputStream().write("GET /hang HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            await().atMost(Duration.ofSeconds(5)).until(() -> server.accepted() > before); // the only slot is taken
            waiting.getOutputStream().write("GET /queued HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(waiting.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 503 Service Unavailable\r\n");
        }
        assertThat(server.accepted() - before).as("the queued request never reached the server").isEqualTo(1);
    }

    @Test
    void aServerThatDoesNotAnswerInTimeoutServerIsA504() throws Exception {
        assertThat(exchange("/hang")).startsWith("HTTP/1.1 504 Gateway Time-out\r\n")
                .endsWith("<html><body><h1>504 Gateway Time-out</h1>\nThe server didn't respond in time.\n</body></html>\n");
    }

    @Test
    void aBodyDelimitedByTheCloseIsForwardedWholeAndClosesTheClient() throws Exception {
        String answer = exchange("/until-close");
        assertThat(answer).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nconnection: close\r\n")
                .endsWith("\r\n\r\nall of this until the close");
    }
}
