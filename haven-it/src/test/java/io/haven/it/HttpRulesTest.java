package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import io.haven.it.support.OriginServer;
import io.haven.it.support.StatsSocketClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * http-request/http-response rules, a map-driven use_backend changed through the runtime API,
 * userlist authentication and %[...] in the access log, through the real haven process and
 * two origins that record what reaches them.
 */
class HttpRulesTest {
    @TempDir
    static Path dir;
    static OriginServer main;
    static OriginServer api;
    static HavenProcess haven;
    static Path socket;
    static Path hosts;
    static int port;
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() throws Exception {
        main = new OriginServer();
        api = new OriginServer();
        port = Net.freePort();
        socket = dir.resolve("haven.sock");
        hosts = Files.writeString(dir.resolve("hosts.map"), "# host backend\napi.example api\n");
        Path cfg = dir.resolve("rules.cfg");
        Files.writeString(cfg, """
                global
                    log stdout format raw local0
                    stats socket %2$s level admin
                userlist staff
                    user ann password $6$pepper$3bB4coFUHuAiGWfmL5mMzIauhrqm.atVnBli6RlAM42CD8ZVtnfehNntWcM0B2SQDMuCExFdqT84oZk9oEOAv/
                defaults
                    mode http
                    log global
                    log-format "rules-log host=%%[req.hdr(host),lower] route=%%[var(txn.route)] status=%%ST"
                    timeout connect 1s
                    timeout client 10s
                    timeout server 10s
                frontend fe
                    bind 127.0.0.1:%1$d
                    acl ok http_auth(staff)
                    http-request auth realm Staff if { path_beg /admin } !ok
                    http-request deny deny_status 429 if { req.hdr(x-abuse) -m found }
                    http-request return status 200 content-type text/plain lf-string "pong %%[src]" if { path /ping }
                    http-request redirect scheme https code 301 if { path_beg /secure }
                    http-request set-header X-Host %%[req.hdr(host),lower]
                    http-request del-header X-Secret
                    http-request set-var(txn.route) req.hdr(host),lower,map(%3$s,main)
                    http-response set-header X-Route %%[var(txn.route)]
                    use_backend %%[var(txn.route)]
                    default_backend main
                backend main
                    server o1 127.0.0.1:%4$d
                backend api
                    http-request set-path /api%%[path]
                    server o2 127.0.0.1:%5$d
                """.formatted(port, socket, hosts, main.port(), api.port()));
        haven = HavenProcess.start(dir, cfg, port);
    }

    @AfterAll
    static void stop() throws Exception {
        if (haven != null) {
            haven.close();
        }
        main.close();
        api.close();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static int seen() {
        return main.heads().size() + api.heads().size();
    }

    @Test
    void returnAndDenyAnswerWithoutReachingAServer() throws Exception {
        int before = seen();
        HttpResponse<String> pong = get("/ping");
        assertThat(pong.statusCode()).isEqualTo(200);
        assertThat(pong.body()).isEqualTo("pong 127.0.0.1");
        assertThat(pong.headers().firstValue("content-type")).hasValue("text/plain");
        HttpResponse<String> denied = get("/", "X-Abuse", "1");
        assertThat(denied.statusCode()).isEqualTo(429);
        assertThat(seen()).isEqualTo(before);
    }

    @Test
    void redirectSchemeKeepsHostPathAndQuery() throws Exception {
        HttpResponse<String> r = get("/secure/x?y=1");
        assertThat(r.statusCode()).isEqualTo(301);
        assertThat(r.headers().firstValue("location")).hasValue("https://127.0.0.1:" + port + "/secure/x?y=1");
    }

    @Test
    void authChallengesThenLetsTheUserIn() throws Exception {
        HttpResponse<String> challenge = get("/admin/panel");
        assertThat(challenge.statusCode()).isEqualTo(401);
        assertThat(challenge.headers().firstValue("www-authenticate")).hasValue("Basic realm=\"Staff\"");
        String wrong = "Basic " + Base64.getEncoder().encodeToString("ann:nope".getBytes(StandardCharsets.UTF_8));
        assertThat(get("/admin/panel", "Authorization", wrong).statusCode()).isEqualTo(401);
        String right = "Basic " + Base64.getEncoder().encodeToString("ann:s3cret".getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> in = get("/admin/panel", "Authorization", right);
        assertThat(in.statusCode()).isEqualTo(200);
        assertThat(in.body()).startsWith("GET /admin/panel ");
    }

    @Test
    void headersAreRewrittenBeforeTheServerSeesThem() throws Exception {
        HttpResponse<String> r = get("/edit", "X-Secret", "s3cret", "X-Keep", "k");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("x-route")).hasValue("main");
        String head = main.heads().stream().filter(h -> h.startsWith("GET /edit ")).findFirst().orElseThrow().toLowerCase();
        assertThat(head).contains("\r\nx-host: 127.0.0.1:" + port).contains("\r\nx-keep: k").doesNotContain("x-secret");
    }

    @Test
    void aMapChoosesTheBackendAndTheRuntimeApiChangesIt() throws Exception {
        assertThat(get("/items").headers().firstValue("x-route")).as("the host is not in the map").hasValue("main");
        String before = StatsSocketClient.exchange(socket.toString(), "show map " + hosts);
        assertThat(before).contains(" api.example api");
        assertThat(StatsSocketClient.exchange(socket.toString(), "add map " + hosts + " 127.0.0.1:" + port + " api")).isBlank();
        HttpResponse<String> routed = get("/items");
        assertThat(routed.headers().firstValue("x-route")).hasValue("api");
        assertThat(routed.body()).as("the api backend's own rule rewrote the path").startsWith("GET /api/items ");
        assertThat(StatsSocketClient.exchange(socket.toString(), "del map " + hosts + " 127.0.0.1:" + port)).isBlank();
        assertThat(get("/items").headers().firstValue("x-route")).hasValue("main");
    }

    @Test
    void theAccessLogEvaluatesSampleExpressions() throws Exception {
        get("/logged", "X-Probe", "1");
        await().atMost(Duration.ofSeconds(5)).until(() -> haven.stdout().lines()
                .anyMatch(l -> l.contains("rules-log host=127.0.0.1:" + port + " route=main status=200")));
    }
}
