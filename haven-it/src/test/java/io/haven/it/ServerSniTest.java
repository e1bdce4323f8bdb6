package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.it.support.Certificates;
import io.haven.it.support.Curl;
import io.haven.it.support.Greeting;
import io.haven.it.support.GreetingServer;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code server ... ssl verify required ca-file F sni EXPR verifyhost NAME}: the real program
 * sends the SNI its expression gives on each connection (in HTTP mode, per request), and checks
 * the server's certificate against that SNI, or against {@code verifyhost} when it sends none, as
 * HAProxy does. The TLS servers are Haven itself ({@code bind ... ssl crt DIR}), which chooses
 * its certificate by the SNI it receives and reports it with {@code ssl_fc_sni}.
 */
class ServerSniTest {
    @TempDir
    Path dir;

    @Test
    void theCertificateMustBeForTheSniOrForVerifyhost() throws Exception {
        Path certs = Files.createDirectory(dir.resolve("certs"));
        Certificates.selfSigned(dir, certs, "1-a", "a.test");
        Certificates.selfSigned(dir, certs, "2-b", "b.test");
        Path both = Files.writeString(dir.resolve("both.crt"), Files.readString(dir.resolve("1-a.crt")) + Files.readString(dir.resolve("2-b.crt")));
        int tcpTls = Net.freePort();
        int httpTls = Net.freePort();
        int[] ports = new int[6];
        for (int i = 0; i < ports.length; i++) {
            ports[i] = Net.freePort();
        }
        try (GreetingServer app = GreetingServer.start("app")) {
            String verify = "ssl verify required ca-file " + both;
            Path cfg = dir.resolve("sni.cfg");
            Files.writeString(cfg, """
                    defaults
                        timeout connect 2s
                        timeout client 10s
                        timeout server 10s
                        retries 0
                    listen tcp_terminator
                        bind 127.0.0.1:%d ssl crt %s
                        server app 127.0.0.1:%d
                    listen http_terminator
                        mode http
                        bind 127.0.0.1:%d ssl crt %s
                        http-request return status 200 content-type text/plain lf-string "sni=%%[ssl_fc_sni] %%[ssl_fc_protocol]\\n"
                    listen verifyhost_a
                        bind 127.0.0.1:%d
                        server hop 127.0.0.1:%d %s verifyhost a.test
                    listen verifyhost_b
                        bind 127.0.0.1:%d
                        server hop 127.0.0.1:%d %s verifyhost b.test
                    listen sni_b_wins_over_verifyhost
                        bind 127.0.0.1:%d
                        server hop 127.0.0.1:%d %s sni str(b.test) verifyhost a.test
                    listen sni_c
                        bind 127.0.0.1:%d
                        server hop 127.0.0.1:%d %s sni str(c.test)
                    listen sni_c_unchecked
                        bind 127.0.0.1:%d
                        server hop 127.0.0.1:%d ssl verify none sni str(c.test) verifyhost b.test
                    listen by_host
                        mode http
                        bind 127.0.0.1:%d
                        server hop 127.0.0.1:%d %s sni req.hdr(host)
                    """.formatted(tcpTls, certs, app.port(), httpTls, certs,
                    ports[0], tcpTls, verify, ports[1], tcpTls, verify, ports[2], tcpTls, verify,
                    ports[3], tcpTls, verify, ports[4], tcpTls, ports[5], httpTls, verify));
            try (HavenProcess haven = HavenProcess.start(dir, cfg, ports)) {
                assertThat(Greeting.askOrNull(ports[0])).as("no SNI: a.test's certificate, which verifyhost a.test accepts").isEqualTo("app");
                assertThat(Greeting.askOrNull(ports[1])).as("no SNI: a.test's certificate is not for b.test").isNull();
                assertThat(Greeting.askOrNull(ports[2])).as("SNI b.test: b.test's certificate, checked against the SNI").isEqualTo("app");
                assertThat(Greeting.askOrNull(ports[3])).as("SNI c.test: the default a.test certificate is not for c.test").isNull();
                assertThat(Greeting.askOrNull(ports[4])).as("verify none checks no name").isEqualTo("app");

                // HTTP: each request's Host is its SNI; the terminator reports the one it got
                for (String host : new String[] {"b.test", "a.test", "b.test"}) {
                    Curl ok = Curl.run("-H", "Host: " + host, "http://127.0.0.1:" + ports[5] + "/");
                    assertThat(ok.exit()).as(ok.err()).isZero();
                    assertThat(ok.out()).isEqualTo("sni=" + host + " TLSv1.3\n");
                }
                Curl wrong = Curl.run("-o", "/dev/null", "-w", "%{http_code}", "-H", "Host: c.test", "http://127.0.0.1:" + ports[5] + "/");
                assertThat(wrong.out()).as("c.test's SNI gets a certificate that is not for it").isEqualTo("503");
                assertThat(haven.isAlive()).isTrue();
            }
        }
    }
}
