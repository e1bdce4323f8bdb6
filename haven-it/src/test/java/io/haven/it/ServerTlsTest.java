package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.Certificates;
import io.haven.it.support.Greeting;
import io.haven.it.support.GreetingServer;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server ... ssl verify none|required ca-file}: the real program speaks TLS to a server.
 * The TLS server is Haven itself ({@code bind ... ssl crt}) in front of a plain greeting server,
 * so a plain client reads the greeting through a TLS hop; a server whose certificate the
 * {@code ca-file} does not vouch for is refused under {@code verify required}.
 */
class ServerTlsTest {
    @TempDir
    Path dir;

    @Test
    void relaysThroughTlsAndVerifiesTheServersCertificate() throws Exception {
        Certificates.selfSigned(dir, dir, "tls", "tls.test");
        Certificates.selfSigned(dir, dir, "other", "other.test");
        int tlsPort = Net.freePort();
        int required = Net.freePort();
        int none = Net.freePort();
        int wrongCa = Net.freePort();
        try (GreetingServer app = GreetingServer.start("app")) {
            Path cfg = dir.resolve("server-tls.cfg");
            Files.writeString(cfg, """
                    defaults
                        timeout connect 2s
                        timeout client 10s
                        timeout server 10s
                        retries 0
                    listen tls_terminator
                        bind 127.0.0.1:%d ssl crt %s
                        server app 127.0.0.1:%d
                    listen verify_required
                        bind 127.0.0.1:%d
                        server hop 127.0.0.1:%d ssl verify required ca-file %s
                    listen verify_none
                        bind 127.0.0.1:%d
                        server hop 127.0.0.1:%d ssl verify none
                    listen wrong_ca
                        bind 127.0.0.1:%d
                        server hop 127.0.0.1:%d ssl verify required ca-file %s
                    """.formatted(tlsPort, dir.resolve("tls.pem"), app.port(),
                    required, tlsPort, dir.resolve("tls.crt"),
                    none, tlsPort,
                    wrongCa, tlsPort, dir.resolve("other.crt")));
            try (HavenProcess haven = HavenProcess.start(dir, cfg, tlsPort, required, none, wrongCa)) {
                assertThat(Greeting.askOrNull(required)).isEqualTo("app");
                assertThat(Greeting.askOrNull(none)).isEqualTo("app");
                int before = app.accepted();
                assertThat(Greeting.askOrNull(wrongCa)).isNull();
                // the refused hop never reached the application behind the TLS terminator
                assertThat(app.accepted()).isEqualTo(before);
                await().atMost(Duration.ofSeconds(10)).until(() -> Greeting.askOrNull(required) != null);
            }
        }
    }
}
