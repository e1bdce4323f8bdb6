package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import io.haven.it.support.OriginServer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Requests Haven must not forward (issue 5, point 4) get HAProxy's 400 page and a closed
 * connection, and not one byte reaches the server; a client too slow to send its head gets 408.
 */
class HttpRejectionTest {
    static final String PAGE_400 = "HTTP/1.1 400 Bad request\r\nContent-length: 90\r\nCache-Control: no-cache\r\n"
            + "Connection: close\r\nContent-Type: text/html\r\n\r\n"
            + "<html><body><h1>400 Bad request</h1>\nYour browser sent an invalid request.\n</body></html>\n";
    @TempDir
    static Path dir;
    static OriginServer origin;
    static HavenProcess haven;
    static int port;
    static int slowPort;

    @BeforeAll
    static void start() throws Exception {
        origin = new OriginServer();
        port = Net.freePort();
        slowPort = Net.freePort();
        Path cfg = dir.resolve("reject.cfg");
        Files.writeString(cfg, """
                global
                    tune.bufsize 4096
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 10s
                    timeout server 10s
                frontend fe
                    bind 127.0.0.1:%1$d
                    default_backend be
                frontend fe_slow
                    bind 127.0.0.1:%2$d
                    timeout http-request 300ms
                    default_backend be
                backend be
                    server origin 127.0.0.1:%3$d
                """.formatted(port, slowPort, origin.port()));
        haven = HavenProcess.start(dir, cfg, port, slowPort);
    }

    @AfterAll
    static void stop() throws Exception {
        if (haven != null) {
            haven.close();
        }
        origin.close();
    }

    static Stream<Arguments> rejected() {
        String big = "a".repeat(5000);
        return Stream.of(
                Arguments.of("conflicting Content-Length", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: 4\r\n\r\nabcd"),
                Arguments.of("Content-Length not a plain number", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: +3\r\n\r\nabc"),
                Arguments.of("Content-Length in hex", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0x3\r\n\r\nabc"),
                Arguments.of("Transfer-Encoding not ending in chunked", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, gzip\r\n\r\n"),
                Arguments.of("unknown Transfer-Encoding", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n\r\n"),
                Arguments.of("invalid character in a header name", "GET / HTTP/1.1\r\nHost: x\r\nBad(name): 1\r\n\r\n"),
                Arguments.of("space before the colon", "GET / HTTP/1.1\r\nHost : x\r\n\r\n"),
                Arguments.of("bare CR", "GET / HTTP/1.1\r\nHost: x\rX-A: b\r\n\r\n"),
                Arguments.of("oversized request line", "GET /" + big + " HTTP/1.1\r\nHost: x\r\n\r\n"),
                Arguments.of("oversized headers", "GET / HTTP/1.1\r\nHost: x\r\nX-Big: " + big + "\r\n\r\n"),
                Arguments.of("invalid chunk size", "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejected")
    void isAnswered400AndNothingReachesTheServer(String why, String request) throws Exception {
        long before = origin.bytesReceived();
        String answer;
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        if (why.equals("invalid chunk size")) {
            // the head was valid and went out before the body showed the bad framing: the body must not follow
            assertThat(answer).doesNotContain("200 OK");
            assertThat(origin.heads()).noneMatch(h -> h.contains("zz"));
            return;
        }
        assertThat(answer).as(why).isEqualTo(PAGE_400);
        assertThat(origin.bytesReceived() - before).as("bytes that reached the server").isZero();
    }

    @Test
    void chunkedWithContentLengthDropsTheLengthAndClosesAfter() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(("POST /te-cl HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\nTransfer-Encoding: chunked\r\n\r\n"
                    + "3\r\nabc\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 200 OK").contains("connection: close").endsWith(" body=3");
        }
        assertThat(origin.heads()).filteredOn(h -> h.startsWith("POST /te-cl ")).singleElement()
                .satisfies(h -> assertThat(h.toLowerCase()).doesNotContain("content-length").contains("transfer-encoding: chunked"));
    }

    @Test
    void aSlowClientGets408AfterTimeoutHttpRequest() throws Exception {
        long before = origin.bytesReceived();
        try (Socket s = new Socket("127.0.0.1", slowPort)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(answer).startsWith("HTTP/1.1 408 Request Time-out\r\n")
                    .endsWith("<html><body><h1>408 Request Time-out</h1>\nYour browser didn't send a complete request in time.\n</body></html>\n");
        }
        assertThat(origin.bytesReceived() - before).isZero();
    }
}
