package io.haven.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.core.server.CheckStatus;
import io.haven.core.server.ServerStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Without {@code http-check expect}, 2xx and 3xx pass (L7OK) and other codes fail (L7STS).
 * {@code timeout check} gives the JDK server's slow first answer time while checks stay frequent.
 */
class HttpCheckStatusTest {

    private static Observation firstCheck(TestHttpServer http, String httpchk) throws Exception {
        try (CheckHarness h = CheckHarness.start("""
                backend app
                    option httpchk %s
                    timeout check 3s
                    server s1 127.0.0.1:%d check inter 100
                """.formatted(httpchk, http.port()))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> h.lastCheck("app/s1") != null);
            return h.lastCheck("app/s1");
        }
    }

    @Test
    void twoHundredKeepsTheServerUp() throws Exception {
        try (TestHttpServer http = TestHttpServer.start().respond(200, "fine")) {
            Observation o = firstCheck(http, "");
            assertThat(o.result().status()).isEqualTo(CheckStatus.L7OK);
            assertThat(o.result().code()).isEqualTo(200);
            assertThat(o.status()).isEqualTo(ServerStatus.UP);
            assertThat(http.lastRequest().method()).isEqualTo("OPTIONS");
            assertThat(http.lastRequest().uri()).isEqualTo("/");
            assertThat(http.lastRequest().protocol()).isEqualTo("HTTP/1.0");
        }
    }

    @Test
    void aRedirectPasses() throws Exception {
        try (TestHttpServer http = TestHttpServer.start().respond(302, "")) {
            Observation o = firstCheck(http, "GET /health");
            assertThat(o.result().status()).isEqualTo(CheckStatus.L7OK);
            assertThat(o.result().code()).isEqualTo(302);
        }
    }

    @Test
    void fiveHundredThreeIsAWrongStatusWithTheReasonAsInfo() throws Exception {
        try (TestHttpServer http = TestHttpServer.start().respond(503, "busy")) {
            Observation o = firstCheck(http, "GET /health");
            assertThat(o.result().status()).isEqualTo(CheckStatus.L7STS);
            assertThat(o.result().code()).isEqualTo(503);
            assertThat(o.result().info()).isEqualTo("Service Unavailable");
            assertThat(o.status()).isEqualTo(ServerStatus.DOWN);
        }
    }

    @Test
    void http11RequestsCarryConnectionCloseAndInjectedHeaders() throws Exception {
        try (TestHttpServer http = TestHttpServer.start().respond(200, "fine")) {
            Observation o = firstCheck(http, "HEAD /ping HTTP/1.1\\r\\nHost:\\ www.example.com");
            assertThat(o.result().status()).isEqualTo(CheckStatus.L7OK);
            TestHttpServer.Request r = http.lastRequest();
            assertThat(r.method()).isEqualTo("HEAD");
            assertThat(r.uri()).isEqualTo("/ping");
            assertThat(r.protocol()).isEqualTo("HTTP/1.1");
            assertThat(r.connection()).isEqualTo("close");
            assertThat(r.host()).isEqualTo("www.example.com");
        }
    }

    @Test
    void aLargeChunkedBodyIsReadToItsEnd() throws Exception {
        try (TestHttpServer http = TestHttpServer.start().respond(200, "x".repeat(40_000) + "tail")) {
            Observation o = firstCheck(http, "GET / HTTP/1.1");
            assertThat(o.result().status()).isEqualTo(CheckStatus.L7OK);
        }
    }
}
