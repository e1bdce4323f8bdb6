package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import io.haven.it.support.OriginServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code http-request lua.NAME} and {@code http-response lua.NAME} through the real program: the
 * TXN and HTTP classes seen from outside (headers at the origin and the client, replies, logs),
 * actions that wait, the act.* return codes and runtime errors.
 */
class LuaActionsTest {
    @TempDir
    static Path dir;
    static OriginServer origin;
    static HavenProcess haven;
    static Path script;
    static int port;
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @BeforeAll
    static void start() throws Exception {
        origin = new OriginServer();
        port = Net.freePort();
        script = dir.resolve("actions.lua");
        Files.writeString(script, """
                core.register_action("tag", { "http-req" }, function(txn, name, value)
                  txn.http:req_set_header(name, value .. ":" .. txn.f:path() .. ":" .. txn.sf:req_hdr("x-missing") .. "|")
                  txn:set_var("txn.tagged", "yes")
                end, 2)
                core.register_action("slow", { "http-req" }, function(txn)
                  txn:Info("sleeping " .. txn.f:path())
                  core.msleep(tonumber(txn.f:req_hdr("x-sleep") or "0"))
                  txn:Info("woke " .. txn.f:path())
                  txn.http:req_add_header("X-Slept", txn.f:req_hdr("x-sleep") or "none")
                end)
                core.register_action("code", { "http-req", "http-res" }, function(txn)
                  local c = txn.f:req_hdr("x-act")
                  if c then return act[c] end
                end)
                core.register_action("broken", { "http-req" }, function(txn)
                  local t = nil
                  return t.field
                end)
                core.register_action("answer", { "http-req" }, function(txn)
                  local r = txn:reply({ status = 201, headers = { ["X-From"] = "lua" } })
                  r:add_header("content-type", "text/plain")
                  r:set_body("hello " .. txn.sf:req_hdr("x-who") .. " var=" .. (txn:get_var("txn.tagged") or "nil"))
                  txn:done(r)
                end)
                core.register_action("hangup", { "http-req" }, function(txn) txn:done() end)
                core.register_action("priv", { "http-req" }, function(txn) txn:set_priv({ n = 41 }) end)
                core.register_action("slowres", { "http-res" }, function(txn)
                  core.msleep(300)
                  txn.http:res_add_header("X-Res-Slept", txn.f:res_hdr("content-length"))
                end)
                core.register_action("quiet", { "http-req" }, function(txn) txn:set_loglevel(core.debug) end)
                core.register_action("stamp", { "http-res" }, function(txn)
                  local p = txn:get_priv()
                  txn.http:res_set_header("X-Priv", tostring(p and p.n + 1))
                  txn.http:res_add_header("X-Status", tostring(txn.f:status()))
                  local h = txn.http:req_get_headers()
                  txn.http:res_set_header("X-Seen", h["x-multi"][0] .. "," .. h["x-multi"][1])
                  if txn.f:req_hdr("x-teapot") then txn.http:res_set_status(418) end
                  txn:Info("stamped " .. txn.f:path())
                end)
                """);
        Path cfg = dir.resolve("actions.cfg");
        Files.writeString(cfg, """
                global
                    lua-load %2$s
                    log stdout format raw local0 info
                defaults
                    mode http
                    log global
                    log-format "access %%HP %%ST"
                    timeout connect 1s
                    timeout client 10s
                    timeout server 10s
                frontend fe
                    bind 127.0.0.1:%1$d
                    http-request lua.tag X-Tag t
                    http-request lua.answer if { path /answer }
                    http-request lua.hangup if { path /hangup }
                    http-request lua.slow if { req.hdr(x-sleep) -m found }
                    http-request lua.code if { req.hdr(x-act) -m found }
                    http-request lua.broken if { path /broken }
                    http-request set-header X-After-Broken yes
                    http-request lua.priv
                    http-request lua.quiet if { path /quiet }
                    http-response lua.slowres if { path_beg /bytes/ }
                    http-response lua.stamp unless { path_beg /bytes/ }
                    default_backend be
                backend be
                    server o 127.0.0.1:%3$d
                """.formatted(port, script, origin.port()));
        haven = HavenProcess.start(dir, cfg, port);
    }

    @AfterAll
    static void stop() throws Exception {
        haven.close();
        origin.close();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String lastHead() {
        return origin.heads().get(origin.heads().size() - 1);
    }

    @Test
    void anActionWithArgumentsSetsAHeaderFromFetchesThatTheOriginSees() throws Exception {
        HttpResponse<String> r = get("/a/b?q=1");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(lastHead()).contains("X-Tag: t:/a/b:|").contains("X-After-Broken: yes");
    }

    @Test
    void responseActionsSeeThePrivateDataOfTheRequestAndEditTheResponse() throws Exception {
        HttpResponse<String> r = get("/stamp", "X-Multi", "one", "X-Multi", "two");
        assertThat(r.headers().firstValue("X-Priv")).hasValue("42");
        assertThat(r.headers().firstValue("X-Status")).hasValue("200");
        assertThat(r.headers().firstValue("X-Seen")).hasValue("one,two");
        HttpResponse<String> teapot = get("/stamp", "X-Multi", "a", "X-Multi", "b", "X-Teapot", "1");
        assertThat(teapot.statusCode()).isEqualTo(418);
        await().atMost(Duration.ofSeconds(5)).until(() -> haven.stdout().contains("stamped /stamp"));
    }

    @Test
    void anActionThatSleepsPausesOnlyItsOwnRequest() throws Exception {
        CompletableFuture<HttpResponse<String>> slow = CLIENT.sendAsync(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/slow")).header("X-Sleep", "1500").build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> fast = get("/fast", "X-Sleep", "0");
        assertThat(fast.statusCode()).isEqualTo(200);
        assertThat(slow).as("the sleeping request is still waiting while another is served").isNotDone();
        HttpResponse<String> done = slow.get();
        assertThat(done.statusCode()).isEqualTo(200);
        assertThat(origin.heads()).anySatisfy(h -> assertThat(h).startsWith("GET /slow").contains("X-Slept: 1500"));
    }

    @Test
    void aClientThatResetsWhileItsActionSleepsStopsTheAction() throws Exception {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            s.setSoLinger(true, 0); // close with a reset: the client is gone (a FIN alone still gets its answer, as in HAProxy)
            s.getOutputStream().write("GET /left HTTP/1.1\r\nHost: x\r\nX-Sleep: 1500\r\n\r\n".getBytes());
            s.getOutputStream().flush();
            await().atMost(Duration.ofSeconds(5)).until(() -> haven.stdout().contains("sleeping /left"));
        }
        await().during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5)).until(() -> !haven.stdout().contains("woke /left"));
        assertThat(origin.heads()).noneMatch(h -> h.startsWith("GET /left"));
        assertThat(get("/next", "X-Sleep", "10").statusCode()).isEqualTo(200);
    }

    @Test
    void aRequestBodyWaitsForTheSleepingActionAndIsForwardedWhole() throws Exception {
        String body = "x".repeat(100_000);
        HttpResponse<String> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/upload"))
                .header("X-Sleep", "300").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).startsWith("POST /upload").endsWith("body=100000");
    }

    @Test
    void returnCodesActAsHaproxyDocumentsThem() throws Exception {
        assertThat(get("/", "X-Act", "DENY").statusCode()).isEqualTo(403);
        assertThat(get("/", "X-Act", "ERROR").statusCode()).isEqualTo(500);
        assertThat(get("/", "X-Act", "INVALID").statusCode()).isEqualTo(400);
        assertThat(get("/", "X-Act", "CONTINUE").statusCode()).isEqualTo(200);
        int before = origin.heads().size();
        assertThat(get("/stop", "X-Act", "STOP").statusCode()).isEqualTo(200);
        assertThat(origin.heads()).hasSize(before + 1);
        assertThat(lastHead()).startsWith("GET /stop").doesNotContain("X-After-Broken");
        assertThat(Net.exchange(port, "GET /abort HTTP/1.1\r\nHost: x\r\nX-Act: ABORT\r\n\r\n")).isEmpty();
    }

    @Test
    void aRuntimeErrorIsLoggedWithTheScriptLineAndTheNextRuleRuns() throws Exception {
        HttpResponse<String> r = get("/broken");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(lastHead()).startsWith("GET /broken").contains("X-After-Broken: yes");
        await().atMost(Duration.ofSeconds(5)).until(() -> haven.stderr().contains(
                "Lua function 'broken': runtime error: " + script + ":17: attempt to index a nil value (local 't')."));
    }

    @Test
    void aResponseActionThatSleepsHoldsTheBodyAndThenForwardsItWhole() throws Exception {
        HttpResponse<byte[]> r = CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/bytes/300000"))
                .build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("X-Res-Slept")).hasValue("300000");
        assertThat(r.body()).hasSize(300_000);
        assertThat(get("/after").statusCode()).as("the connection pool and the loop serve on").isEqualTo(200);
    }

    @Test
    void setLoglevelBelowTheTargetsLevelDropsTheAccessLine() throws Exception {
        get("/quiet");
        get("/loud");
        await().atMost(Duration.ofSeconds(5)).until(() -> haven.stdout().contains("access /loud 200"));
        assertThat(haven.stdout()).doesNotContain("access /quiet");
    }

    @Test
    void doneWithAReplyAnswersWithoutTheServer() throws Exception {
        int before = origin.heads().size();
        HttpResponse<String> r = get("/answer", "X-Who", "ann");
        assertThat(r.statusCode()).isEqualTo(201);
        assertThat(r.headers().firstValue("x-from")).hasValue("lua");
        assertThat(r.headers().firstValue("content-type")).hasValue("text/plain");
        assertThat(r.body()).isEqualTo("hello ann var=yes");
        assertThat(origin.heads()).hasSize(before);
        assertThat(Net.exchange(port, "GET /hangup HTTP/1.1\r\nHost: x\r\n\r\n")).as("done() without a reply").isEmpty();
    }
}
