package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.HaproxyProcess;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lua {@code http} services ({@code http-request use-service lua.NAME}) through the real binary:
 * AppletHTTP's request fields, streamed responses (chunked to HTTP/1.1, closed for 1.0), sleeps
 * between sends that leave the event loop free, bodies read in pieces, back-pressure both ways,
 * errors before and after the head, and the configuration errors.
 */
class LuaHttpServiceTest {
    private static final Path SCRIPT = Path.of("src/test/resources/lua/http-services.lua").toAbsolutePath();

    @TempDir
    static Path dir;
    static HavenProcess haven;
    static int port;
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        port = Net.freePort();
        haven = HavenProcess.start(dir, config(port, dir.resolve("haven.sock")), port);
    }

    private static Path config(int port, Path socket) throws Exception {
        Path cfg = dir.resolve("svc" + port + ".cfg");
        Files.writeString(cfg, """
                global
                    nbthread 1
                    lua-load %2$s
                    stats socket %3$s
                    log stdout format raw local0
                defaults
                    mode http
                    log global
                    option httplog
                    timeout connect 1s
                    timeout client 10s
                    timeout server 10s
                frontend web
                    bind 127.0.0.1:%1$d
                    http-request use-service lua.slow if { path /slow }
                    http-request use-service lua.info if { path_beg /info }
                    http-request use-service lua.vars if { path /vars }
                    http-request use-service lua.count if { path /count }
                    http-request use-service lua.lines if { path /lines }
                    http-request use-service lua.big if { path /big }
                    http-request use-service lua.early if { path /early }
                    http-request use-service lua.late if { path /late }
                    http-request use-service lua.nothing if { path /nothing }
                    http-request return status 404 content-type text/plain string none unless { path_beg /backend }
                    use_backend services
                backend services
                    http-request use-service lua.info
                """.formatted(port, SCRIPT, socket));
        return cfg;
    }

    /** The same raw requests get the same bytes back (header names compared without case) from Debian's HAProxy. */
    @Test
    void haproxyAnswersTheSameBytes() throws Exception {
        assertThat(HaproxyProcess.installed()).as("Debian's haproxy (apt-get install haproxy; .ci/run does)").isTrue();
        List<String> requests = List.of(
                "GET /slow?10 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
                "GET /slow?10 HTTP/1.0\r\n\r\n",
                "HEAD /slow?10 HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
                "POST /info/p?q=1 HTTP/1.1\r\nHost: t\r\nX-Multi: a\r\nX-Multi: b\r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc",
                "POST /lines HTTP/1.1\r\nHost: t\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nab\nc\r\n3\r\nd\ne\r\n0\r\n\r\n",
                "GET /early HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n",
                "GET /backend/b?c HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        List<String> ours = new ArrayList<>();
        for (String r : requests) {
            ours.add(normalized(rawExchange(port, r)));
        }
        int hport = Net.freePort();
        Path sock = dir.resolve("haproxy.sock");
        List<String> theirs = new ArrayList<>();
        try (HaproxyProcess p = HaproxyProcess.start(dir, config(hport, sock), sock)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> Net.listening(hport));
            for (String r : requests) {
                theirs.add(normalized(rawExchange(hport, r)));
            }
        }
        assertThat(ours).containsExactlyElementsOf(theirs);
    }

    private static String normalized(String raw) {
        int end = raw.indexOf("\r\n\r\n");
        if (end < 0) {
            return raw;
        }
        // header order is not compared: HAProxy emits an applet's headers in Lua table order
        String[] lines = raw.substring(0, end).split("\r\n");
        StringBuilder out = new StringBuilder(lines[0]).append("\r\n");
        Arrays.stream(lines, 1, lines.length).map(l -> l.substring(0, l.indexOf(':')).toLowerCase() + l.substring(l.indexOf(':')))
                .sorted().forEach(l -> out.append(l).append("\r\n"));
        return out.append(raw.substring(end)).toString();
    }

    @AfterAll
    static void stop() throws Exception {
        if (haven != null) {
            haven.close();
        }
    }

    @Test
    void aStreamedResponseIsChunkedToHttp11WithTheStatusAndHeadersTheScriptSet() throws Exception {
        String raw = rawExchange("GET /slow HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 201 Made\r\n");
        String head = raw.substring(0, raw.indexOf("\r\n\r\n")).toLowerCase();
        assertThat(head).contains("\r\nx-parts: 3", "\r\ncontent-type: text/plain", "\r\ntransfer-encoding: chunked")
                .doesNotContain("content-length");
        assertThat(raw.substring(raw.indexOf("\r\n\r\n") + 4)).isEqualTo("6\r\npart1\n\r\n6\r\npart2\n\r\n6\r\npart3\n\r\n0\r\n\r\n");
        HttpResponse<String> r = CLIENT.send(get("/slow"), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.body()).isEqualTo("part1\npart2\npart3\n");
    }

    @Test
    void anHttp10ClientGetsTheBodyDelimitedByTheClose() throws Exception {
        String raw = rawExchange("GET /slow HTTP/1.0\r\n\r\n");
        String head = raw.substring(0, raw.indexOf("\r\n\r\n")).toLowerCase();
        assertThat(head).startsWith("http/1.0 201 made").doesNotContain("transfer-encoding").doesNotContain("content-length");
        assertThat(raw.substring(raw.indexOf("\r\n\r\n") + 4)).isEqualTo("part1\npart2\npart3\n");
    }

    @Test
    void aServiceSleepingBetweenSendsLeavesTheEventLoopFreeForOthers() throws Exception {
        // one event loop: while /slow sleeps 3 x 1 s, other requests are answered at once
        var slow = CLIENT.sendAsync(get("/slow?1000"), HttpResponse.BodyHandlers.ofString());
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = CLIENT.send(get("/info/x"), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
        }
        assertThat(slow.isDone()).as("the slow service was still sleeping while the others were served").isFalse();
        assertThat(slow.get().body()).isEqualTo("part1\npart2\npart3\n");
    }

    @Test
    void theAppletSeesTheRequestLineHeadersBodyAndKeepsVarsAndPriv() throws Exception {
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/info/a%20b?x=1&y"))
                .header("X-Multi", "one").header("X-Multi", "two")
                .POST(HttpRequest.BodyPublishers.ofString("hello body")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("POST|HTTP/1.1|/info/a%20b|x=1&y|10|one|two|hello body");
    }

    @Test
    void varsLiveWithTheTransactionOrTheConnectionAndPrivWithTheApplet() throws Exception {
        String raw = rawExchange("GET /vars HTTP/1.1\r\nHost: t\r\n\r\nGET /vars HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        assertThat(raw).contains("yes|1|7|nil").contains("yes|2|7|nil");
    }

    @Test
    void aLargeBodyIsReadInPieces() throws Exception {
        byte[] body = new byte[8 * 1024 * 1024];
        Arrays.fill(body, (byte) 'a');
        body[0] = 'b';
        body[body.length - 1] = 'c';
        for (boolean expect : new boolean[] {false, true}) {
            HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/count"))
                    .expectContinue(expect).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertPieces(r.body(), body.length);
        }
    }

    private static void assertPieces(String answer, int length) {
        String[] words = answer.split(" ");
        assertThat(words[0]).isEqualTo(Integer.toString(length));
        assertThat(Integer.parseInt(words[3])).as("pieces").isGreaterThanOrEqualTo(length / 65536);
        // the first piece starts with 'b', the last ends with 'c'; every other edge is 'a'
        int pieces = Integer.parseInt(words[3]);
        assertThat(Integer.parseInt(words[6])).isEqualTo(('b' + 'c' + 'a' * (2 * pieces - 2)) % 65536);
    }

    @Test
    void aChunkedBodyReachesTheServiceWithoutItsFraming() throws Exception {
        String raw = rawExchange("POST /lines HTTP/1.1\r\nHost: t\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "4\r\nab\nc\r\n3\r\nd\ne\r\n0\r\n\r\n");
        assertThat(dechunk(raw.substring(raw.indexOf("\r\n\r\n") + 4))).isEqualTo("1: ab\n2: cd\n3: e");
    }

    @Test
    void aLargeResponseReachesASlowReaderWhole() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(20_000);
            s.setReceiveBufferSize(16 * 1024);
            s.getOutputStream().write("GET /big HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            byte[] buf = new byte[4096];
            long total = 0;
            int n;
            int reads = 0;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (++reads % 64 == 0) {
                    Thread.onSpinWait(); // a slow, small-buffered reader: Haven must wait for it, not drop data
                }
            }
            assertThat(total).isGreaterThan(65536L * 160);
        }
    }

    @Test
    void anErrorBeforeTheHeadIsA500AndLoggedWithTheScriptLine() throws Exception {
        HttpResponse<String> r = CLIENT.send(get("/early"), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(500);
        await().atMost(Duration.ofSeconds(5)).until(() -> haven.stderr().contains(
                "Lua applet http '<lua.early>': runtime error: ") && haven.stderr().contains("http-services.lua:72: failed before the head."));
        HttpResponse<String> none = CLIENT.send(get("/nothing"), HttpResponse.BodyHandlers.ofString());
        assertThat(none.statusCode()).as("a service that never started its response").isEqualTo(500);
        assertThat(CLIENT.send(get("/info/after"), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }

    @Test
    void anErrorAfterTheHeadAbortsTheConnectionAndIsLogged() throws Exception {
        String raw = rawExchange("GET /late HTTP/1.1\r\nHost: t\r\n\r\n");
        assertThat(raw).startsWith("HTTP/1.1 200 OK\r\n").contains("7\r\npartial\r\n").doesNotContain("0\r\n\r\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> haven.stderr().contains(
                "Lua applet http '<lua.late>': runtime error: ") && haven.stderr().contains("http-services.lua:79: failed after the head."));
    }

    @Test
    void aBackendsRulesCanHandTheRequestToAService() throws Exception {
        assertThat(CLIENT.send(get("/backend/x?y"), HttpResponse.BodyHandlers.ofString()).body())
                .isEqualTo("GET|HTTP/1.1|/backend/x|y|0|nil|nil|");
        await().atMost(Duration.ofSeconds(5)).until(() -> haven.stdout().lines()
                .anyMatch(l -> l.contains(" web services/<lua.info> ") && l.contains("\"GET /backend/x?y HTTP/1.1\"")));
    }

    @Test
    void theLogLineNamesTheServiceAsItsServer() throws Exception {
        CLIENT.send(get("/info/logged"), HttpResponse.BodyHandlers.ofString());
        await().atMost(Duration.ofSeconds(5)).until(() -> haven.stdout().lines()
                .anyMatch(l -> l.contains(" web web/<lua.info> ") && l.contains("\"GET /info/logged HTTP/1.1\"")));
    }

    @Test
    void keepAliveRequestsFollowAStreamedResponse() throws Exception {
        String raw = rawExchange("GET /slow HTTP/1.1\r\nHost: t\r\n\r\nGET /info/second HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n");
        assertThat(raw).contains("0\r\n\r\nHTTP/1.1 200 OK\r\n").endsWith("GET|HTTP/1.1|/info/second||0|nil|nil|");
    }

    @Test
    void anUnknownOrTcpServiceInHttpRequestIsAConfigErrorNamingTheLine() throws Exception {
        Path cfg = dir.resolve("bad.cfg");
        Files.writeString(cfg, "global\n  lua-load " + SCRIPT + "\ndefaults\n  mode http\n"
                + "frontend f\n  bind 127.0.0.1:1\n  http-request use-service lua.missing\n  http-request use-service lua.tcpsvc\n");
        HavenProcess.Result r = HavenProcess.run(dir, "-c", "-f", cfg.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("parsing [" + cfg + ":7] : 'http-request use-service' : unknown service 'lua.missing'")
                .contains("parsing [" + cfg + ":8] : 'http-request use-service' : service 'lua.tcpsvc' is a Lua 'tcp' service");
    }

    private static HttpRequest get(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
    }

    private static String rawExchange(String request) throws Exception {
        return rawExchange(port, request);
    }

    /** Sends raw bytes and reads everything until the proxy closes. */
    private static String rawExchange(int port, String request) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            s.getInputStream().transferTo(b);
            return b.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (true) {
            int eol = body.indexOf("\r\n", i);
            int size = Integer.parseInt(body.substring(i, eol), 16);
            if (size == 0) {
                return out.toString();
            }
            out.append(body, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
    }
}
