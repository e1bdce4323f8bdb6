package io.haven.lua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.haven.config.model.LuaSettings;
import io.haven.core.http.HttpApplet;
import io.haven.core.http.HttpExchange;
import io.haven.core.http.HttpHeaders;
import io.haven.core.http.HttpReply;
import io.haven.core.http.HttpRequest;
import io.haven.core.http.HttpResponse;
import io.haven.core.http.HttpService;
import io.haven.core.http.HttpTxn;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A Lua http service through core's HttpService/HttpExchange contract, with real Lua: a send to a
 * slow client waits until it is writable again, a large body pauses the client's input until the
 * script reads it, the service timeout stops a spinning script with a 500, and the names
 * use-service may bind.
 */
class HttpServiceTest {
    private final LuaFixture lua = new LuaFixture();

    HttpServiceTest() throws Exception {
    }

    @AfterEach
    void close() throws Exception {
        lua.close();
    }

    /** The data plane's side as HttpSession drives it, recording what the service did. */
    private final class Exchange implements HttpExchange {
        final ScheduledExecutorService loop = lua.loops.next();
        final ByteArrayOutputStream body = new ByteArrayOutputStream();
        final List<String> events = new CopyOnWriteArrayList<>();
        final AtomicReference<HttpReply> reply = new AtomicReference<>();
        final AtomicBoolean ended = new AtomicBoolean();
        volatile boolean writable = true;
        boolean started;

        @Override
        public ScheduledExecutorService loop() {
            return loop;
        }

        @Override
        public void reply(HttpReply r) {
            started = true;
            reply.set(r);
        }

        @Override
        public void start(int status, String reason, HttpHeaders headers) {
            started = true;
            events.add("start " + status + " " + reason);
        }

        @Override
        public boolean started() {
            return started;
        }

        @Override
        public synchronized boolean write(byte[] data) {
            body.writeBytes(data);
            events.add("write " + new String(data, StandardCharsets.UTF_8));
            return writable;
        }

        @Override
        public void end() {
            ended.set(true);
        }

        @Override
        public void abort() {
            events.add("abort");
        }

        @Override
        public void readBody(boolean on) {
            events.add("read " + on);
        }
    }

    private static HttpTxn txn(String method, String uri) {
        HttpRequest request = new HttpRequest(method, uri, 1, new HttpHeaders().add("Host", "t"));
        Map<String, Object> vars = new HashMap<>();
        Map<String, Object> sess = new HashMap<>();
        class Txn extends LoopbackContext implements HttpTxn {
            public HttpRequest request() {
                return request;
            }

            public HttpResponse response() {
                return null;
            }

            public Map<String, Object> txnVars() {
                return vars;
            }

            public Map<String, Object> sessionVars() {
                return sess;
            }

            public boolean secure() {
                return false;
            }
        }
        return new Txn();
    }

    private static HttpApplet open(HttpService svc, Exchange ex, HttpTxn txn) throws Exception {
        return ex.loop.submit(() -> svc.open(txn, ex)).get();
    }

    @Test
    void aSendToASlowClientWaitsUntilItIsWritable() throws Exception {
        LuaRuntime rt = lua.start("""
                core.register_service("two", "http", function(applet)
                  applet:send("first")
                  core.Info("after first")
                  applet:send("second")
                end)
                """);
        Exchange ex = new Exchange();
        ex.writable = false;
        HttpApplet a = open(rt.httpService("lua.two"), ex, txn("GET", "/"));
        ex.loop.execute(a::bodyEnd);
        await().atMost(Duration.ofSeconds(5)).until(() -> ex.events.contains("write first"));
        assertThat(ex.events).as("send() waits for the client").containsExactly("start 200 OK", "write first");
        assertThat(lua.logs).doesNotContain("info after first");
        ex.writable = true;
        ex.loop.execute(a::writable);
        await().atMost(Duration.ofSeconds(5)).untilTrue(ex.ended);
        assertThat(ex.events).containsExactly("start 200 OK", "write first", "write second");
    }

    @Test
    void aLargeBodyPausesTheClientUntilTheScriptReadsIt() throws Exception {
        LuaRuntime rt = lua.start("""
                core.register_service("slowreader", "http", function(applet)
                  core.msleep(200)
                  local n = 0
                  while true do
                    local d = applet:receive(50000)
                    if #d == 0 then break end
                    n = n + #d
                  end
                  applet:send(tostring(n))
                end)
                """);
        Exchange ex = new Exchange();
        HttpApplet a = open(rt.httpService("lua.slowreader"), ex, txn("POST", "/"));
        byte[] piece = new byte[40_000];
        ex.loop.execute(() -> a.body(piece));
        ex.loop.execute(() -> a.body(piece));
        await().atMost(Duration.ofSeconds(5)).until(() -> ex.events.contains("read false"));
        await().atMost(Duration.ofSeconds(5)).until(() -> ex.events.contains("read true"));
        ex.loop.execute(() -> a.body(piece));
        ex.loop.execute(a::bodyEnd);
        await().atMost(Duration.ofSeconds(5)).untilTrue(ex.ended);
        assertThat(ex.events).containsSubsequence("read false", "read true", "write 120000");
    }

    @Test
    void aServiceOverItsTimeoutGetsA500() throws Exception {
        LuaSettings limits = new LuaSettings(List.of(), List.of(), 0, 1000, 4000, 200, 0);
        LuaRuntime rt = lua.load("""
                core.register_service("spin", "http", function(applet) while true do end end)
                """, limits);
        rt.start(lua.loops);
        Exchange ex = new Exchange();
        HttpApplet a = open(rt.httpService("lua.spin"), ex, txn("GET", "/"));
        ex.loop.execute(a::bodyEnd);
        await().atMost(Duration.ofSeconds(5)).until(() -> ex.reply.get() != null);
        assertThat(ex.reply.get().status()).isEqualTo(500);
        assertThat(lua.logs).contains("err Lua applet http '<lua.spin>': execution timeout.");
    }

    @Test
    void useServiceBindsHttpServicesOnly() throws Exception {
        LuaRuntime rt = lua.start("""
                core.register_service("web", "http", function(applet) end)
                core.register_service("raw", "tcp", function(applet) end)
                """);
        assertThat(rt.httpService("lua.web")).isNotNull();
        assertThat(rt.httpService("lua.web").logName()).isEqualTo("<lua.web>");
        assertThat(rt.httpService("lua.missing")).isNull();
        assertThat(rt.httpService("stats")).isNull();
        assertThatThrownBy(() -> rt.httpService("lua.raw")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'lua.raw' is a Lua 'tcp' service");
    }
}
