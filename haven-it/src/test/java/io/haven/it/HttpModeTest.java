package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import io.haven.it.support.OriginServer;
import io.haven.it.support.ShowStat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code mode http} end to end: keep-alive and reuse, pipelining, bodies, 100-continue, Upgrade, forwardfor, error pages, logs, counters. */
class HttpModeTest {
    @TempDir
    static Path dir;
    static OriginServer origin;
    static HavenProcess haven;
    static Path socket;
    static int mainPort;
    static int downPort;
    static int errorfilePort;
    static int closedPort;
    static int tunnelPort;
    static int exceptPort;
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        origin = new OriginServer();
        mainPort = Net.freePort();
        downPort = Net.freePort();
        errorfilePort = Net.freePort();
        closedPort = Net.freePort();
        tunnelPort = Net.freePort();
        exceptPort = Net.freePort();
        socket = dir.resolve("haven.sock");
        Path page = dir.resolve("503.http");
        Files.writeString(page, "HTTP/1.0 503 Service Unavailable\r\nCache-Control: no-cache\r\nConnection: close\r\n"
                + "Content-Type: text/html\r\n\r\n<html><body><h1>Maintenance</h1></body></html>\n");
        Path cfg = dir.resolve("http.cfg");
        Files.writeString(cfg, """
                global
                    log stdout format raw local0
                    stats socket %5$s level admin
                defaults
                    mode http
                    log global
                    option httplog
                    timeout connect 1s
                    timeout client 10s
                    timeout server 10s
                frontend fe_main
                    bind 127.0.0.1:%1$d
                    option forwardfor
                    default_backend be_main
                frontend fe_except
                    bind 127.0.0.1:%9$d
                    option forwardfor except 127.0.0.0/8
                    default_backend be_main
                backend be_main
                    server origin 127.0.0.1:%6$d
                frontend fe_down
                    bind 127.0.0.1:%2$d
                    default_backend be_down
                backend be_down
                    retries 0
                    server gone 127.0.0.1:%4$d
                frontend fe_errorfile
                    bind 127.0.0.1:%3$d
                    default_backend be_errorfile
                backend be_errorfile
                    retries 0
                    errorfile 503 %7$s
                    server gone 127.0.0.1:%4$d
                frontend fe_tunnel
                    bind 127.0.0.1:%8$d
                    timeout client 60s
                    default_backend be_tunnel
                backend be_tunnel
                    timeout server 60s
                    timeout tunnel 300ms
                    server origin 127.0.0.1:%6$d
                """.formatted(mainPort, downPort, errorfilePort, closedPort, socket, origin.port(), page, tunnelPort,
                exceptPort));
        haven = HavenProcess.start(dir, cfg, mainPort, downPort, errorfilePort, tunnelPort, exceptPort);
    }

    @AfterAll
    static void stop() throws Exception {
        if (haven != null) {
            haven.close();
        }
        origin.close();
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void keepAliveRequestsOfOneClientShareOneServerConnection() throws Exception {
        HttpClient own = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        Set<String> conns = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            HttpResponse<String> r = own.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mainPort + "/k/" + i)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).startsWith("GET /k/" + i + " conn=");
            conns.add(r.body().split(" ")[2]);
        }
        assertThat(conns).as("server connections used by ten keep-alive requests").hasSize(1);
    }

    @Test
    void aHeadResponseHasNoBodyAndTheConnectionGoesOn() throws Exception {
        try (Socket s = new Socket("127.0.0.1", mainPort)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("HEAD /h HTTP/1.1\r\nHost: x\r\n\r\nGET /after HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int second = all.indexOf("HTTP/1.1 200", 1);
            assertThat(all).startsWith("HTTP/1.1 200 OK\r\n");
            assertThat(second).as("the GET's response follows the HEAD's head directly").isEqualTo(all.indexOf("\r\n\r\n") + 4);
            assertThat(all).contains("GET /after conn=").endsWith(" xff=127.0.0.1 body=0");
        }
    }

    @Test
    void anHttp10ClientWithoutKeepAliveIsClosedAfterItsResponse() throws Exception {
        try (Socket s = new Socket("127.0.0.1", mainPort)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /old HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(all).startsWith("HTTP/1.1 200 OK\r\n").contains("\r\nconnection: close\r\n", "GET /old conn=")
                    .endsWith(" xff=127.0.0.1 body=0");
        }
        assertThat(origin.heads()).anyMatch(h -> h.startsWith("GET /old HTTP/1.0\r\n") && h.contains("\r\nConnection: keep-alive"));
    }

    @Test
    void forwardforAddsTheClientAddress() throws Exception {
        assertThat(get(mainPort, "/xff").body()).contains(" xff=127.0.0.1 ");
    }

    @Test
    void forwardforLeavesOutAClientOfTheExceptedNetwork() throws Exception {
        String body = get(exceptPort, "/xff").body();
        assertThat(body).startsWith("GET /xff ").doesNotContain("xff=127.0.0.1");
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrder() throws Exception {
        try (Socket s = new Socket("127.0.0.1", mainPort)) {
            s.setSoTimeout(10_000);
            StringBuilder req = new StringBuilder();
            for (int i = 1; i <= 3; i++) {
                req.append("GET /p").append(i).append(" HTTP/1.1\r\nHost: x\r\n").append(i == 3 ? "Connection: close\r\n" : "")
                        .append("\r\n");
            }
            s.getOutputStream().write(req.toString().getBytes(StandardCharsets.ISO_8859_1));
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            int p1 = all.indexOf("GET /p1 ");
            int p2 = all.indexOf("GET /p2 ");
            int p3 = all.indexOf("GET /p3 ");
            assertThat(p1).isPositive();
            assertThat(p2).isGreaterThan(p1);
            assertThat(p3).isGreaterThan(p2);
            assertThat(all).contains("connection: close");
        }
    }

    @Test
    void aClientThatShutsItsOutputAfterPipelinedRequestsGetsEveryResponse() throws Exception {
        try (Socket s = new Socket("127.0.0.1", mainPort)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET /h1 HTTP/1.1\r\nHost: x\r\n\r\nGET /h2 HTTP/1.1\r\nHost: x\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            s.shutdownOutput();
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(all).contains("GET /h1 conn=").contains("GET /h2 conn=");
            assertThat(all.indexOf("GET /h1 ")).isLessThan(all.indexOf("GET /h2 "));
        }
    }

    @Test
    void requestBodiesWithLengthOrChunksReachTheServerWhole() throws Exception {
        byte[] body = new byte[300_000];
        HttpResponse<String> fixed = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mainPort + "/up"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(fixed.body()).endsWith(" body=300000");
        HttpResponse<String> chunked = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mainPort + "/up"))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(chunked.body()).endsWith(" body=300000");
    }

    @Test
    void expectContinueIsRelayedAndTheBodyFollows() throws Exception {
        Path data = dir.resolve("upload.bin");
        Files.write(data, new byte[5000]);
        Process curl = new ProcessBuilder("curl", "-sS", "-H", "Expect: 100-continue", "--data-binary", "@" + data,
                "http://127.0.0.1:" + mainPort + "/continue").redirectErrorStream(true).start();
        String out = new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(curl.waitFor()).isZero();
        assertThat(out).startsWith("POST /continue ").endsWith(" body=5000");
        assertThat(origin.heads()).anyMatch(h -> h.startsWith("POST /continue ") && h.toLowerCase().contains("expect: 100-continue"));
    }

    @Test
    void anUpgradedConnectionBecomesATunnel() throws Exception {
        try (Socket s = new Socket("127.0.0.1", mainPort)) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            String head = readHead(in);
            assertThat(head).startsWith("HTTP/1.1 101 ");
            out.write("hello tunnel".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(new String(in.readNBytes(12), StandardCharsets.ISO_8859_1)).isEqualTo("hello tunnel");
        }
    }

    @Test
    void anIdleTunnelIsClosedAfterTimeoutTunnel() throws Exception {
        try (Socket s = new Socket("127.0.0.1", tunnelPort)) {
            s.setSoTimeout(10_000); // far below timeout client/server (60s): only timeout tunnel can close it in time
            s.getOutputStream().write("GET /ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n"
                    .getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = s.getInputStream();
            assertThat(readHead(in)).startsWith("HTTP/1.1 101 ");
            s.getOutputStream().write("ping".getBytes(StandardCharsets.ISO_8859_1));
            assertThat(new String(in.readNBytes(4), StandardCharsets.ISO_8859_1)).isEqualTo("ping");
            assertThat(in.read()).as("closed once idle for timeout tunnel").isEqualTo(-1);
        }
    }

    @Test
    void largeBodiesStreamBothWaysThroughASmallHeap() throws Exception {
        long size = 600L << 20; // more than haven's whole heap (-Xmx256m) and its direct memory
        HttpResponse<InputStream> down = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mainPort + "/bytes/" + size))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        long n;
        try (InputStream in = down.body()) {
            n = in.transferTo(OutputStream.nullOutputStream());
        }
        assertThat(n).isEqualTo(size);
        HttpResponse<String> up = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + mainPort + "/big"))
                .POST(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> new ZeroStream(size)), size))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(up.body()).endsWith(" body=" + size);
        assertThat(haven.isAlive()).isTrue();
    }

    @Test
    void noServerIsHaproxysBuiltIn503() throws Exception {
        HttpResponse<String> r = get(downPort, "/");
        assertThat(r.statusCode()).isEqualTo(503);
        assertThat(r.body()).isEqualTo("<html><body><h1>503 Service Unavailable</h1>\nNo server is available to handle this request.\n</body></html>\n");
        assertThat(r.headers().firstValue("cache-control")).hasValue("no-cache");
    }

    @Test
    void errorfileReplacesTheBuiltInPage() throws Exception {
        try (Socket s = new Socket("127.0.0.1", errorfilePort)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
            String all = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(all).isEqualTo("HTTP/1.0 503 Service Unavailable\r\nCache-Control: no-cache\r\nConnection: close\r\n"
                    + "Content-Type: text/html\r\n\r\n<html><body><h1>Maintenance</h1></body></html>\n");
        }
    }

    private static final Pattern HTTPLOG = Pattern.compile("127\\.0\\.0\\.1:\\d+ \\[\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2}\\.\\d{3}] "
            + "fe_main be_main/origin \\d+/0/\\d+/\\d+/\\d+ 200 \\d+ - - ---- \\d+/\\d+/\\d+/\\d+/0 0/0 \"GET /logged\\?x=1 HTTP/1\\.1\"");

    @Test
    void httplogLinesFollowHaproxysFormat() throws Exception {
        assertThat(get(mainPort, "/logged?x=1").statusCode()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() -> haven.stdout().lines().anyMatch(l -> HTTPLOG.matcher(l).matches()));
        get(downPort, "/nolog");
        await().atMost(Duration.ofSeconds(5)).until(() -> haven.stdout().lines().anyMatch(
                l -> l.contains(" fe_down be_down/gone ") && l.contains("/-1/-1/") && l.contains(" 503 ") && l.contains(" SC-- ")
                        && l.endsWith("\"GET /nolog HTTP/1.1\"")));
    }

    @Test
    void showStatCountsResponsesByStatusClass() throws Exception {
        for (int i = 0; i < 3; i++) {
            get(downPort, "/count");
        }
        ShowStat stat = ShowStat.of(dir, socket);
        assertThat(stat.number("fe_down", "FRONTEND", "hrsp_5xx")).isGreaterThanOrEqualTo(3);
        assertThat(stat.number("fe_down", "FRONTEND", "req_tot")).isGreaterThanOrEqualTo(3);
        assertThat(stat.number("be_down", "BACKEND", "hrsp_5xx")).isGreaterThanOrEqualTo(3);
        assertThat(stat.get("fe_down", "FRONTEND", "hrsp_2xx")).isEqualTo("0");
        assertThat(stat.get("fe_down", "FRONTEND", "mode")).isEqualTo("http");
        get(mainPort, "/stat");
        ShowStat after = ShowStat.of(dir, socket);
        assertThat(after.number("be_main", "origin", "hrsp_2xx")).isPositive();
        assertThat(after.number("be_main", "origin", "req_tot")).isGreaterThanOrEqualTo(after.number("be_main", "origin", "hrsp_2xx"));
    }

    static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            String s = b.toString(StandardCharsets.ISO_8859_1);
            if (s.endsWith("\r\n\r\n")) {
                return s;
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    /** {@code size} zero bytes, produced as read. */
    private static final class ZeroStream extends InputStream {
        private long left;

        ZeroStream(long size) {
            this.left = size;
        }

        @Override
        public int read() {
            if (left <= 0) {
                return -1;
            }
            left--;
            return 0;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (left <= 0) {
                return -1;
            }
            int n = (int) Math.min(len, left);
            java.util.Arrays.fill(b, off, off + n, (byte) 0);
            left -= n;
            return n;
        }
    }
}
