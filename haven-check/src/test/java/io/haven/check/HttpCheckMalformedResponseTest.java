package io.haven.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.core.server.CheckStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Whatever is not an HTTP response is L7RSP. */
class HttpCheckMalformedResponseTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = ';', textBlock = """
            SSH-2.0-OpenSSH_9.2\\r\\n ; Malformed HTTP status line
            HTTP/1.1 2OO OK\\r\\n\\r\\n ; Malformed HTTP status line
            HTTP/1.1 200 OK\\r\\nbroken header\\r\\n\\r\\n ; Malformed HTTP header
            HTTP/1.1 200 OK\\r\\nContent-Length: 10 ; Truncated HTTP response
            '' ; Empty response
            """)
    void garbageIsAnInvalidResponse(String reply, String info) throws Exception {
        byte[] bytes = reply.replace("\\r", "\r").replace("\\n", "\n").getBytes(StandardCharsets.ISO_8859_1);
        try (TestPeer peer = TestPeer.start(s -> {
                 s.getOutputStream().write(bytes);
                 s.getOutputStream().flush();
             });
             CheckHarness h = CheckHarness.start("""
                     backend app
                         option httpchk GET /
                         timeout check 3s
                         server s1 127.0.0.1:%d check inter 100
                     """.formatted(peer.port()))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> h.lastCheck("app/s1") != null);
            assertThat(h.lastCheck("app/s1").result().status()).isEqualTo(CheckStatus.L7RSP);
            assertThat(h.lastCheck("app/s1").result().info()).isEqualTo(info);
        }
    }
}
