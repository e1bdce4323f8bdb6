package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.haven.it.support.Certificates;
import io.haven.it.support.Curl;
import io.haven.it.support.GreetingServer;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.NamedServers;
import io.haven.it.support.Net;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bind ... ssl crt DIR}: the real program terminates TLS with the certificate the client's
 * SNI names (the first one without SNI), negotiates ALPN, refuses versions below
 * {@code ssl-min-ver}, and relays the clear text to plain servers; certificates are made here
 * with the openssl command, clients are the JDK's TLS sockets and curl.
 */
class TlsTerminationTest {
    private static final String DEFAULTS = "defaults\n    timeout connect 1s\n    timeout client 10s\n    timeout server 10s\n";
    @TempDir
    Path dir;

    private Path certs;

    @BeforeEach
    void certificates() throws Exception {
        certs = Files.createDirectory(dir.resolve("certs"));
        Certificates.selfSigned(dir, certs, "1-a", "a.test");
        Certificates.selfSigned(dir, certs, "2-b", "b.test");
    }

    private SSLContext trusting(String... files) throws Exception {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        for (String f : files) {
            try (InputStream in = Files.newInputStream(dir.resolve(f + ".crt"))) {
                ks.setCertificateEntry(f, CertificateFactory.getInstance("X.509").generateCertificate(in));
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    /** One TLS conversation: the certificate's CN, the ALPN protocol and the greeting read through it. */
    private record Seen(String cn, String alpn, String greeting) {
    }

    private Seen connect(int port, String sni, String... alpn) throws Exception {
        try (SSLSocket s = (SSLSocket) trusting("1-a", "2-b").getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            SSLParameters params = s.getSSLParameters();
            if (sni != null) {
                params.setServerNames(List.of(new SNIHostName(sni)));
                params.setEndpointIdentificationAlgorithm("HTTPS");
            }
            params.setApplicationProtocols(alpn);
            s.setSSLParameters(params);
            s.startHandshake();
            X509Certificate cert = (X509Certificate) s.getSession().getPeerCertificates()[0];
            String line = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine();
            return new Seen(cert.getSubjectX500Principal().getName(), s.getApplicationProtocol(), line);
        }
    }

    @Test
    void sniChoosesTheCertificateAndAlpnTheProtocol() throws Exception {
        int port = Net.freePort();
        try (GreetingServer app = GreetingServer.start("app")) {
            Path cfg = dir.resolve("tls.cfg");
            Files.writeString(cfg, DEFAULTS + """
                    frontend fe
                        bind 127.0.0.1:%d ssl crt %s alpn h2,http/1.1
                        default_backend be
                    backend be
                        server app 127.0.0.1:%d
                    """.formatted(port, certs, app.port()));
            try (HavenProcess haven = HavenProcess.start(dir, cfg, port)) {
                // the server speaks first: its greeting must arrive inside TLS, after the handshake
                assertThat(connect(port, "b.test", "http/1.1")).isEqualTo(new Seen("CN=b.test", "http/1.1", "app"));
                assertThat(connect(port, "a.test", "h2", "http/1.1")).isEqualTo(new Seen("CN=a.test", "h2", "app"));
                assertThat(connect(port, null).cn()).isEqualTo("CN=a.test");
                assertThat(connect(port, null).alpn()).as("no protocol offered, none chosen").isEmpty();
                assertThatThrownBy(() -> connect(port, "c.test")).isInstanceOf(SSLHandshakeException.class);
            }
        }
    }

    @Test
    void curlGetsThePlainServersAnswerAndOldVersionsAreRefused() throws Exception {
        int port = Net.freePort();
        HttpServer web = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        web.createContext("/", ex -> {
            byte[] body = "hello over tls\n".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
        });
        web.start();
        try {
            Path cfg = dir.resolve("curl.cfg");
            Files.writeString(cfg, DEFAULTS + """
                    frontend fe
                        bind 127.0.0.1:%d ssl crt %s ssl-min-ver TLSv1.3
                        default_backend be
                    backend be
                        server web 127.0.0.1:%d
                    """.formatted(port, certs, web.getAddress().getPort()));
            try (HavenProcess haven = HavenProcess.start(dir, cfg, port)) {
                Curl ok = curlAs("b.test", port);
                assertThat(ok.exit()).as(ok.err()).isZero();
                assertThat(ok.out()).isEqualTo("hello over tls\n");
                Curl old = curlAs("b.test", port, "--tls-max", "1.2");
                assertThat(old.exit()).isNotZero();
                Curl wrongName = curlAs("a.test", port);
                assertThat(wrongName.exit()).as("a.test's certificate is not signed by b.test's").isNotZero();
            }
        } finally {
            web.stop(0);
        }
    }

    @Test
    void httpModeServesOverTlsToo() throws Exception {
        int port = Net.freePort();
        Path cfg = dir.resolve("https.cfg");
        Files.writeString(cfg, """
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 10s
                    timeout server 10s
                listen stats
                    bind 127.0.0.1:%d ssl crt %s alpn http/1.1
                    stats uri /st
                """.formatted(port, certs));
        try (HavenProcess haven = HavenProcess.start(dir, cfg, port)) {
            // the stats page, then "/" (no server: 503) on the same connection: keep-alive over TLS
            Curl two = curlAs("b.test", port, "-o", "/dev/null", "-o", "/dev/null",
                    "-w", "%{http_code} %{num_connects}\n", "https://b.test:" + port + "/st;csv");
            assertThat(two.exit()).as(two.err()).isZero();
            assertThat(two.out()).isEqualTo("200 1\n503 0\n");
        }
    }

    @Test
    void anHttpFrontendDoesNotOfferH2SoBrowsersSpeakHttp11() throws Exception {
        int port = Net.freePort();
        Path cfg = dir.resolve("h2.cfg");
        Files.writeString(cfg, DEFAULTS + """
                frontend fe
                    mode http
                    bind 127.0.0.1:%d ssl crt %s alpn h2,http/1.1
                    http-request return status 200 content-type text/plain lf-string "%%[ssl_fc_alpn]\\n"
                """.formatted(port, certs));
        try (HavenProcess haven = HavenProcess.start(dir, cfg, port)) {
            // curl offers h2 first, as browsers do
            Curl c = curlAs("b.test", port, "-w", "%{http_version}\\n");
            assertThat(c.exit()).as(c.err()).isZero();
            assertThat(c.out()).isEqualTo("http/1.1\n1.1\n");
            assertThat(haven.stderr()).contains(cfg + ":7: bind 127.0.0.1:" + port + ": 'h2' is not offered by ALPN");
        }
    }

    @Test
    void aServerThatClosesEndsTheTlsStreamCleanly() throws Exception {
        int port = Net.freePort();
        try (NamedServers servers = new NamedServers("closer")) {
            Path cfg = dir.resolve("close.cfg");
            Files.writeString(cfg, DEFAULTS + """
                    listen fe
                        bind 127.0.0.1:%d ssl crt %s
                        server closer 127.0.0.1:%d
                    """.formatted(port, certs, servers.port(0)));
            try (HavenProcess haven = HavenProcess.start(dir, cfg, port)) {
                // the server answers and closes: the client must get a close_notify, not a bare FIN
                Process p = new ProcessBuilder("openssl", "s_client", "-quiet", "-connect", "127.0.0.1:" + port,
                        "-servername", "a.test").start();
                p.getOutputStream().close();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
                assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
                assertThat(out).contains("closer");
                assertThat(err).doesNotContain("unexpected eof");
            }
        }
    }

    private Curl curlAs(String host, int port, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(extra));
        args.addAll(List.of("--resolve", host + ":" + port + ":127.0.0.1", "--cacert", dir.resolve("2-b.crt").toString(),
                "https://" + host + ":" + port + "/"));
        return Curl.run(args.toArray(new String[0]));
    }
}
