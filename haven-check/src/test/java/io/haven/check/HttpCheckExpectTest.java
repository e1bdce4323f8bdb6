package io.haven.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.core.server.CheckStatus;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code http-check expect [!] status|rstatus|string|rstring}: status rules fail with L7STS and
 * the reason phrase, body rules with L7RSP; {@code !} inverts the match.
 */
class HttpCheckExpectTest {

    @ParameterizedTest(name = "expect {0} against {1} ''{2}'' -> {3}")
    @CsvSource(delimiter = ';', textBlock = """
            status 200          ; 200 ; ok                 ; L7OK  ; 200 ; ''
            status 200          ; 201 ; ok                 ; L7STS ; 201 ; Created
            status 200,204      ; 204 ; ''                 ; L7OK  ; 204 ; ''
            status 200-299      ; 250 ; ok                 ; L7OK  ; 250 ; ''
            ! status 503        ; 500 ; down               ; L7OK  ; 500 ; ''
            ! status 503        ; 503 ; down               ; L7STS ; 503 ; Service Unavailable
            rstatus ^2          ; 204 ; ''                 ; L7OK  ; 204 ; ''
            rstatus ^2          ; 404 ; nope               ; L7STS ; 404 ; Not Found
            string ready        ; 200 ; all ready now      ; L7OK  ; 200 ; ''
            string ready        ; 200 ; starting           ; L7RSP ; 200 ; HTTP content check did not match
            string ready        ; 503 ; ready but sick     ; L7OK  ; 503 ; ''
            ! string maint      ; 200 ; in maint mode      ; L7RSP ; 200 ; HTTP check matched unwanted content
            ! string maint      ; 200 ; serving            ; L7OK  ; 200 ; ''
            rstring ^role=(primary|replica)$ ; 200 ; role=replica ; L7OK ; 200 ; ''
            rstring ^role=primary$ ; 200 ; role=replica    ; L7RSP ; 200 ; HTTP content check did not match
            """)
    void expectRulesJudgeTheResponse(String expect, int status, String body, CheckStatus expected, int code,
                                     String info) throws Exception {
        try (TestHttpServer http = TestHttpServer.start().respond(status, body)) {
            Observation o = firstCheck(http, "GET /health", expect);
            assertThat(o.result().status()).isEqualTo(expected);
            assertThat(o.result().code()).isEqualTo(code);
            assertThat(o.result().info()).isEqualTo(info);
        }
    }

    @ParameterizedTest(name = "a chunked body with the string after {0} bytes -> {1}")
    @CsvSource({"10000, L7OK", "20000, L7RSP"})
    void chunkedBodiesAreSearchedUpToTheCheckBuffer(int padding, CheckStatus expected) throws Exception {
        try (TestHttpServer http = TestHttpServer.start().chunked().respond(200, "x".repeat(padding) + "MARK")) {
            Observation o = firstCheck(http, "GET /big HTTP/1.1", "string MARK");
            assertThat(o.result().status()).isEqualTo(expected);
        }
    }

    private static Observation firstCheck(TestHttpServer http, String httpchk, String expect) throws Exception {
        try (CheckHarness h = CheckHarness.start("""
                backend app
                    option httpchk %s
                    http-check expect %s
                    timeout check 3s
                    server s1 127.0.0.1:%d check inter 100
                """.formatted(httpchk, expect, http.port()))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> h.lastCheck("app/s1") != null);
            return h.lastCheck("app/s1");
        }
    }
}
