package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.it.support.HaproxyProcess;
import io.haven.it.support.LuaSideBySide;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import io.haven.it.support.OriginServer;
import io.haven.it.support.StatsSocketClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTTP examples of examples/lua through the real program: cors.lua and token-check.lua also
 * run on Debian's HAProxy 2.6 and must answer the same requests the same way.
 */
class LuaExamplesTest {
    private static final Path EXAMPLES = Path.of("../examples/lua").toAbsolutePath().normalize();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @TempDir
    Path dir;

    private List<String> run(boolean haven, String scriptAndRules, List<HttpRequest.Builder> requests, String... headers)
            throws Exception {
        String[] parts = scriptAndRules.split("\\|");
        return LuaSideBySide.run(dir, haven, EXAMPLES.resolve(parts[0]), parts[1], requests, List.of(headers),
                List.of("x-user", "authorization", "GET", "OPTIONS"));
    }

    private static HttpRequest.Builder req(String method, String path, String... headers) {
        return LuaSideBySide.req(method, path, headers);
    }

    @Test
    void corsAnswersPreflightsAndTagsResponsesAsHaproxyDoes() throws Exception {
        String rules = "cors.lua|    http-request lua.cors \"https://app.example,https://admin.example\"\n"
                + "    http-response lua.cors-headers";
        List<HttpRequest.Builder> requests = List.of(
                req("OPTIONS", "/items", "Origin", "https://app.example", "Access-Control-Request-Method", "PUT",
                        "Access-Control-Request-Headers", "content-type"),
                req("OPTIONS", "/items", "Origin", "https://evil.example", "Access-Control-Request-Method", "PUT"),
                req("GET", "/items", "Origin", "https://admin.example"),
                req("GET", "/other", "Origin", "https://evil.example"),
                req("GET", "/plain"));
        String[] headers = {"access-control-allow-origin", "access-control-allow-methods", "access-control-allow-headers",
                "access-control-max-age", "vary"};
        List<String> haven = run(true, rules, requests, headers);
        assertThat(haven.get(0)).startsWith("OPTIONS /items -> 204 access-control-allow-origin=[https://app.example]")
                .contains("access-control-allow-headers=[content-type]");
        assertThat(haven.get(1)).startsWith("OPTIONS /items -> 403").endsWith("body=origin not allowed\n");
        assertThat(haven.get(2)).isEqualTo("GET /items -> 200 access-control-allow-origin=[https://admin.example] access-control-allow-methods=[]"
                + " access-control-allow-headers=[] access-control-max-age=[] vary=[Origin] from-origin");
        assertThat(haven.get(3)).startsWith("GET /other -> 200 access-control-allow-origin=[]");
        assertThat(HaproxyProcess.installed()).as("Debian's haproxy (apt-get install haproxy; .ci/run does)").isTrue();
        assertThat(haven).containsExactlyElementsOf(run(false, rules, requests, headers));
    }

    @Test
    void tokenCheckRefusesUnknownTokensAndPassesTheUserAsHaproxyDoes() throws Exception {
        Files.writeString(dir.resolve("tokens.map"), "s3cr3t-token ann\nother.token bob\n");
        Path script = Files.copy(EXAMPLES.resolve("token-check.lua"), dir.resolve("token-check.lua"));
        String rules = script + "|    http-request lua.token-check";
        List<HttpRequest.Builder> requests = List.of(
                req("GET", "/a"),
                req("GET", "/b", "Authorization", "Bearer nope"),
                req("GET", "/c", "Authorization", "Basic abc"),
                req("GET", "/d", "Authorization", "Bearer s3cr3t-token"),
                req("GET", "/e", "Authorization", "Bearer other.token"));
        String[] headers = {"www-authenticate", "content-type"};
        List<String> haven = run(true, rules, requests, headers);
        assertThat(haven.get(0)).isEqualTo("GET /a -> 401 www-authenticate=[Bearer realm=\"api\", error=\"invalid_request\"]"
                + " content-type=[application/json] body={\"error\":\"invalid_request\"}\n");
        assertThat(haven.get(1)).contains("invalid_token");
        assertThat(haven.get(3)).endsWith("from-origin");
        assertThat(haven.get(5)).isEqualTo("origin saw [[GET /d HTTP/1.1, x-user: ann], [GET /e HTTP/1.1, x-user: bob]]");
        assertThat(HaproxyProcess.installed()).as("Debian's haproxy (apt-get install haproxy; .ci/run does)").isTrue();
        assertThat(haven).containsExactlyElementsOf(run(false, rules, requests, headers));
    }

    @Test
    void rateLimitAnswers429OverTheLimitOfTheLongestPrefixAndFollowsMapChanges() throws Exception {
        Path limits = Files.writeString(dir.resolve("limits.map"), "/login 2\n/api 1000\n");
        Path script = Files.copy(EXAMPLES.resolve("rate-limit.lua"), dir.resolve("rate-limit.lua"));
        try (OriginServer origin = new OriginServer()) {
            int port = Net.freePort();
            Path sock = dir.resolve("rl.sock");
            Path cfg = Files.writeString(dir.resolve("rl.cfg"), """
                    global
                        lua-load %s
                        stats socket %s level admin
                    defaults
                        mode http
                        timeout client 10s
                        timeout server 10s
                    frontend fe
                        bind 127.0.0.1:%d
                        http-request lua.rate-limit
                        default_backend be
                    backend be
                        server o 127.0.0.1:%d
                    """.formatted(script, sock, port, origin.port()));
            try (HavenProcess h = HavenProcess.start(dir, cfg, port)) {
                List<Integer> login = statuses(port, "/login", 6);
                // 6 requests fall in at most 2 one-second windows, so one window holds 3 or more
                assertThat(login).contains(429).startsWith(200);
                HttpResponse<String> limited = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/login"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                if (limited.statusCode() == 429) {
                    assertThat(limited.headers().firstValue("retry-after")).hasValue("1");
                    assertThat(limited.body()).isEqualTo("slow down\n");
                }
                assertThat(statuses(port, "/api/x", 20)).containsOnly(200);
                assertThat(statuses(port, "/free", 10)).as("no prefix matches").containsOnly(200);
                StatsSocketClient.exchange(sock.toString(), "set map " + limits + " /login 1000");
                assertThat(statuses(port, "/login", 6)).containsOnly(200);
            }
        }
    }

    private static List<Integer> statuses(int port, String path, int n) throws Exception {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        return out;
    }
}
