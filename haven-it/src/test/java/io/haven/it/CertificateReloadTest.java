package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.Certificates;
import io.haven.it.support.GreetingServer;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import io.haven.it.support.TlsProbe;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A reload reads the certificates again even where the {@code bind} line and its address stay
 * the same: a certificate file replaced on disk is served after the reload; a file that cannot
 * be used, or one that is gone, fails the reload with the file and line of its bind, and the
 * certificate already loaded keeps serving.
 */
class CertificateReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void aReplacedCertificateIsServedAfterAReloadAndABadOneChangesNothing() throws Exception {
        Path served = dir.resolve("site.pem");
        Files.copy(Certificates.selfSigned(dir, dir, "one", "one.test"), served);
        Path socket = dir.resolve("admin.sock");
        int port = Net.freePort();
        Path cfg = dir.resolve("reload.cfg");
        try (GreetingServer app = GreetingServer.start("app")) {
            Files.writeString(cfg, """
                    global
                        stats socket %s level admin
                    defaults
                        timeout connect 1s
                        timeout client 10s
                        timeout server 10s
                    listen site
                        bind 127.0.0.1:%d ssl crt %s
                        server app 127.0.0.1:%d
                    """.formatted(socket, port, served, app.port()));
            String bindLine = cfg + ":" + (Files.readAllLines(cfg).indexOf("    bind 127.0.0.1:" + port + " ssl crt " + served) + 1);
            try (HavenProcess haven = HavenProcess.start(dir, cfg, port)) {
                assertThat(TlsProbe.servedSubject(port, null)).isEqualTo("CN=one.test");

                // same file name, same bind line: only the bytes on disk change
                Files.copy(Certificates.selfSigned(dir, dir, "two", "two.test"), served, StandardCopyOption.REPLACE_EXISTING);
                haven.signal("HUP");
                await("the reload").atMost(WAIT).until(() -> haven.stderr().contains("reloaded: generation 2"));
                assertThat(TlsProbe.servedSubject(port, null)).isEqualTo("CN=two.test");

                // a PEM whose certificate body is not a certificate: it passes the parser's look at the file
                String two = Files.readString(served);
                String body = two.substring(two.indexOf('\n') + 1, two.indexOf("-----END CERTIFICATE-----"));
                Files.writeString(served, two.replace(body, "bm90IGEgY2VydGlmaWNhdGU=\n"));
                HavenProcess.Result refused = HavenProcess.run(dir, "reload", "-S", socket.toString());
                assertThat(refused.exitCode()).as(refused.stdout()).isEqualTo(1);
                assertThat(refused.stdout()).contains(bindLine, served.toString());
                assertThat(haven.stderr()).contains("reload failed, configuration unchanged");
                assertThat(TlsProbe.servedSubject(port, null)).isEqualTo("CN=two.test");

                // a file that is gone: the configuration check names it and its line
                Files.delete(served);
                HavenProcess.Result gone = HavenProcess.run(dir, "reload", "-S", socket.toString());
                assertThat(gone.exitCode()).as(gone.stdout()).isEqualTo(1);
                assertThat(gone.stdout()).contains(bindLine, served.toString());
                assertThat(TlsProbe.servedSubject(port, null)).isEqualTo("CN=two.test");
                assertThat(haven.stderr()).doesNotContain("reloaded: generation 3");
            }
        }
    }
}
