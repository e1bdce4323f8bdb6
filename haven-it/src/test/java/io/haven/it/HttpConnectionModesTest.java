package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import io.haven.it.support.Nginx;
import io.haven.it.support.RawHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Server connection reuse ({@code http-reuse}) and connection modes against Debian's nginx, which
 * says which of its connections carried each request; the keep-alive timeout; log-format. One
 * event loop, as idle connections are pooled per loop (a client on another loop would open its own).
 */
class HttpConnectionModesTest {
    @TempDir
    static Path dir;
    static Nginx nginx;
    static HavenProcess haven;
    static int safe;
    static int always;
    static int never;
    static int serverClose;
    static int httpClose;
    static int keepAlive;

    @BeforeAll
    static void start() throws Exception {
        nginx = new Nginx(dir);
        safe = Net.freePort();
        always = Net.freePort();
        never = Net.freePort();
        serverClose = Net.freePort();
        httpClose = Net.freePort();
        keepAlive = Net.freePort();
        Path cfg = dir.resolve("modes.cfg");
        Files.writeString(cfg, """
                global
                    nbthread 1
                    log stdout format raw local0
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 10s
                    timeout server 10s
                frontend fe_safe
                    bind 127.0.0.1:%1$d
                    default_backend be_safe
                backend be_safe
                    server nginx 127.0.0.1:%7$d
                frontend fe_always
                    bind 127.0.0.1:%2$d
                    default_backend be_always
                backend be_always
                    http-reuse always
                    server nginx 127.0.0.1:%7$d
                frontend fe_never
                    bind 127.0.0.1:%3$d
                    default_backend be_never
                backend be_never
                    http-reuse never
                    server nginx 127.0.0.1:%7$d
                frontend fe_server_close
                    bind 127.0.0.1:%4$d
                    option http-server-close
                    default_backend be_safe
                frontend fe_httpclose
                    bind 127.0.0.1:%5$d
                    option httpclose
                    default_backend be_safe
                frontend fe_keepalive
                    bind 127.0.0.1:%6$d
                    log global
                    log-format "%%ci %%HM %%HP %%HQ %%ST %%b/%%s %%{+Q}HU %%HV %%ft"
                    timeout http-keep-alive 300ms
                    default_backend be_safe
                """.formatted(safe, always, never, serverClose, httpClose, keepAlive, nginx.port()));
        haven = HavenProcess.start(dir, cfg, safe, always, never, serverClose, httpClose, keepAlive);
    }

    @AfterAll
    static void stop() throws Exception {
        if (haven != null) {
            haven.close();
        }
        nginx.close();
    }

    /** nginx's connection number for one request on a new client connection. */
    private static String serverConnectionOfANewClient(int port) throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            RawHttp.Response r = c.get("/");
            assertThat(r.head()).startsWith("HTTP/1.1 200 ");
            return r.body().split(" ")[1];
        }
    }

    @Test
    void alwaysReusesIdleServerConnectionsAcrossClients() throws Exception {
        Set<String> used = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            used.add(serverConnectionOfANewClient(always));
        }
        assertThat(used).hasSize(1);
    }

    @Test
    void safeReusesAnIdleServerConnectionForAClientsFirstGet() throws Exception {
        Set<String> used = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            used.add(serverConnectionOfANewClient(safe));
        }
        assertThat(used).as("a GET can be replayed if the reused connection dies, so it may take one").hasSize(1);
    }

    @Test
    void safeOpensANewServerConnectionForAClientsFirstPostAndReusesForItsNext() throws Exception {
        String idle = serverConnectionOfANewClient(safe); // now idle in the pool
        try (RawHttp c = new RawHttp(safe)) {
            RawHttp.Response first = c.post("/form", "a=1");
            assertThat(first.head()).startsWith("HTTP/1.1 200 ");
            String own = first.body().split(" ")[1];
            assertThat(own).as("a first POST cannot be replayed: its own connection").isNotEqualTo(idle);
            assertThat(c.post("/form", "a=2").body().split(" ")[1])
                    .as("a later request takes the most recently idle connection").isEqualTo(own);
        }
    }

    @Test
    void neverKeepsOneServerConnectionPerClientConnection() throws Exception {
        Set<String> used = new HashSet<>();
        try (RawHttp c = new RawHttp(never)) {
            for (int i = 0; i < 3; i++) {
                used.add(c.get("/").body().split(" ")[1]);
            }
        }
        assertThat(used).hasSize(1);
        assertThat(serverConnectionOfANewClient(never)).isNotIn(used);
    }

    @Test
    void httpServerCloseKeepsTheClientButNotTheServerConnection() throws Exception {
        Set<String> used = new HashSet<>();
        try (RawHttp c = new RawHttp(serverClose)) {
            for (int i = 0; i < 3; i++) {
                RawHttp.Response r = c.get("/");
                assertThat(r.header("connection", "close")).isFalse();
                used.add(r.body().split(" ")[1]);
            }
        }
        assertThat(used).hasSize(3);
    }

    @Test
    void httpcloseClosesTheClientAfterTheResponse() throws Exception {
        try (RawHttp c = new RawHttp(httpClose)) {
            RawHttp.Response r = c.get("/");
            assertThat(r.head()).startsWith("HTTP/1.1 200 ");
            assertThat(r.header("connection", "close")).isTrue();
            assertThat(c.closedByPeer()).isTrue();
        }
    }

    @Test
    void anIdleKeepAliveConnectionClosesSilentlyAfterTimeoutHttpKeepAlive() throws Exception {
        try (RawHttp c = new RawHttp(keepAlive)) {
            assertThat(c.get("/ka?q=1").head()).startsWith("HTTP/1.1 200 ");
            assertThat(c.closedByPeer()).as("closed without a byte").isTrue();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> haven.stdout().lines()
                .anyMatch(l -> l.equals("127.0.0.1 GET /ka ?q=1 200 be_safe/nginx \"/ka?q=1\" HTTP/1.1 fe_keepalive")));
    }
}
