package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.it.support.Certificates;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import io.haven.it.support.Nginx;
import io.haven.it.support.OriginServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code core.httpclient()} and {@code Socket:connect_ssl} from Lua services through the real
 * binary: requests to a real nginx, to a local origin (POST with a body), to Haven's own chunked
 * service, and over TLS to Haven's own {@code bind ... ssl crt} listener (certificate not
 * verified, as HAProxy's Lua sockets by default).
 */
class LuaHttpClientTest {
    private static final Path SCRIPT = Path.of("src/test/resources/lua/http-client.lua").toAbsolutePath();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    static Path dir;
    static HavenProcess haven;
    static Nginx nginx;
    static OriginServer origin;
    static int port;
    static int tlsPort;

    @BeforeAll
    static void start() throws Exception {
        nginx = new Nginx(dir);
        origin = new OriginServer();
        port = Net.freePort();
        tlsPort = Net.freePort();
        Path certs = Files.createDirectory(dir.resolve("certs"));
        Path pem = Certificates.selfSigned(dir, certs, "site", "site.test");
        Path cfg = dir.resolve("client.cfg");
        Files.writeString(cfg, """
                global
                    nbthread 1
                    lua-load %3$s
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 10s
                    timeout server 10s
                frontend web
                    bind 127.0.0.1:%1$d
                    bind 127.0.0.1:%2$d ssl crt %4$s
                    http-request use-service lua.fetch if { path /fetch }
                    http-request use-service lua.tlsprobe if { path /tlsprobe }
                    http-request use-service lua.chunks if { path /chunks }
                    http-request use-service lua.hello
                """.formatted(port, tlsPort, SCRIPT, pem));
        haven = HavenProcess.start(dir, cfg, port, tlsPort);
    }

    @AfterAll
    static void stop() throws Exception {
        if (haven != null) {
            haven.close();
        }
        if (nginx != null) {
            nginx.close();
        }
        if (origin != null) {
            origin.close();
        }
    }

    @Test
    void getFromNginx() throws Exception {
        assertThat(fetch("get", "http://127.0.0.1:" + nginx.port() + "/any", null)).startsWith("200 OK ").contains("[nginx ");
    }

    @Test
    void postWithABodyAndHeadersToAnOrigin() throws Exception {
        assertThat(fetch("post", "http://127.0.0.1:" + origin.port() + "/echo", "abcdef"))
                .startsWith("200 OK text/plain [POST /echo conn=").endsWith(" body=6]");
        assertThat(origin.heads()).anyMatch(h -> h.startsWith("POST /echo HTTP/1.1\r\n") && h.contains("\r\nx-from: lua")
                && h.contains("\r\nhost: 127.0.0.1:" + origin.port()));
    }

    @Test
    void headPutAndDeleteUseTheirMethods() throws Exception {
        assertThat(fetch("head", "http://127.0.0.1:" + origin.port() + "/h", null)).isEqualTo("200 OK text/plain []");
        assertThat(fetch("put", "http://127.0.0.1:" + origin.port() + "/p", "xy")).contains("[PUT /p ").endsWith("body=2]");
        assertThat(fetch("delete", "http://127.0.0.1:" + origin.port() + "/d", null)).contains("[DELETE /d ");
    }

    @Test
    void aChunkedResponseIsReassembled() throws Exception {
        assertThat(fetch("get", "http://127.0.0.1:" + port + "/chunks", null)).isEqualTo("200 OK - [one,two]");
    }

    @Test
    void httpsGoesThroughTlsWithoutVerifyingTheCertificate() throws Exception {
        assertThat(fetch("get", "https://127.0.0.1:" + tlsPort + "/secure", null))
                .isEqualTo("200 OK text/plain [hello from /secure]");
    }

    @Test
    void aRefusedConnectionIsNilAndAReason() throws Exception {
        int closed = Net.freePort();
        assertThat(fetch("get", "http://127.0.0.1:" + closed + "/", null)).startsWith("error connection failed");
    }

    @Test
    void connectSslSpeaksTlsToALocalTlsServer() throws Exception {
        assertThat(get("/tlsprobe?" + tlsPort)).isEqualTo("HTTP/1.1 200 OK / hello from /hello/over-tls");
    }

    @Test
    void connectSslToAPlainServerFailsWithAReason() throws Exception {
        assertThat(get("/tlsprobe?" + nginx.port())).startsWith("error TLS handshake failed");
    }

    private static String fetch(String method, String url, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/fetch"))
                .header("x-url", url).header("x-method", method);
        b = body == null ? b.GET() : b.POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static String get(String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
