package io.haven.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.core.server.CheckStatus;
import io.haven.core.server.PoolOverride;
import io.haven.core.server.PoolOverrideNote;
import io.haven.core.server.ServerStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code http-check disable-on-404}: a running server answering 404 passes conditionally (L7OKC)
 * and goes NOLB, even against an expect rule; a stopped server stays stopped on 404s.
 */
class HttpCheckDisableOn404Test {
    private static final Duration WAIT = Duration.ofSeconds(5);

    private static String config(int port, String extra) {
        return """
                backend app
                    option httpchk GET /health
                    http-check disable-on-404
                    %s
                    timeout check 3s
                    server s1 127.0.0.1:%d check inter 100 rise 2 fall 2
                """.formatted(extra, port);
    }

    @Test
    void aRunningServerAnswering404GoesNolbAndComesBackOn200() throws Exception {
        try (TestHttpServer http = TestHttpServer.start().respond(404, "going away");
             CheckHarness h = CheckHarness.start(config(http.port(), ""))) {
            await().atMost(WAIT).until(() -> h.server("app/s1").status() == ServerStatus.NOLB);
            Observation o = h.lastCheck("app/s1");
            assertThat(o.result().status()).isEqualTo(CheckStatus.L7OKC);
            assertThat(o.result().code()).isEqualTo(404);
            assertThat(h.server("app/s1").usable()).isFalse();

            http.respond(200, "back");
            await().atMost(WAIT).until(() -> h.server("app/s1").status() == ServerStatus.UP);
            assertThat(h.lastCheck("app/s1").result().status()).isEqualTo(CheckStatus.L7OK);
        }
    }

    @Test
    void a404IsNotALagExclusionSoForcingTheServerIntoThePoolKeepsItNolb() throws Exception {
        try (TestHttpServer http = TestHttpServer.start().respond(404, "going away");
             CheckHarness h = CheckHarness.start(config(http.port(), ""))) {
            await().atMost(WAIT).until(() -> h.server("app/s1").status() == ServerStatus.NOLB);
            assertThat(h.lastCheck("app/s1").result().lagExclusion()).isFalse();
            h.server("app/s1").setPoolOverride(
                    new PoolOverrideNote(PoolOverride.IN, "", "local", "admin", System.currentTimeMillis()));
            assertThat(h.server("app/s1").status()).isEqualTo(ServerStatus.NOLB);
            assertThat(h.server("app/s1").usable()).isFalse();
        }
    }

    @Test
    void disableOn404TakesPrecedenceOverExpect() throws Exception {
        try (TestHttpServer http = TestHttpServer.start().respond(404, "going away");
             CheckHarness h = CheckHarness.start(config(http.port(), "http-check expect status 200"))) {
            await().atMost(WAIT).until(() -> h.lastCheck("app/s1") != null);
            assertThat(h.lastCheck("app/s1").result().status()).isEqualTo(CheckStatus.L7OKC);
            assertThat(h.lastCheck("app/s1").status()).isEqualTo(ServerStatus.NOLB);
        }
    }

    @Test
    void aStoppedServerAnswering404StaysDown() throws Exception {
        try (TestHttpServer http = TestHttpServer.start().respond(500, "broken");
             CheckHarness h = CheckHarness.start(config(http.port(), ""))) {
            await().atMost(WAIT).until(() -> h.server("app/s1").status() == ServerStatus.DOWN);
            int before = h.checks("app/s1").size();
            http.respond(404, "gone");
            await().atMost(WAIT).until(() -> h.checks("app/s1").stream().skip(before)
                    .anyMatch(o -> o.result().code() == 404));
            Observation o = h.checks("app/s1").stream().skip(before)
                    .filter(x -> x.result().code() == 404).findFirst().orElseThrow();
            assertThat(o.result().status()).isEqualTo(CheckStatus.L7STS);
            assertThat(o.status()).isEqualTo(ServerStatus.DOWN);
        }
    }

    @Test
    void without404HandlingA404IsAWrongStatus() throws Exception {
        try (TestHttpServer http = TestHttpServer.start().respond(404, "gone");
             CheckHarness h = CheckHarness.start("""
                     backend app
                         option httpchk GET /health
                         timeout check 3s
                         server s1 127.0.0.1:%d check inter 100
                     """.formatted(http.port()))) {
            await().atMost(WAIT).until(() -> h.lastCheck("app/s1") != null);
            assertThat(h.lastCheck("app/s1").result().status()).isEqualTo(CheckStatus.L7STS);
            assertThat(h.lastCheck("app/s1").status()).isEqualTo(ServerStatus.DOWN);
        }
    }
}
