package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.it.support.Certificates;
import io.haven.it.support.Curl;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bind ... ssl crt F verify optional|required ca-file CA}: the real program asks curl for
 * a client certificate, refuses one its authorities did not sign, and shows what it saw through
 * HAProxy's fetches ({@code ssl_c_used}, {@code ssl_c_verify}, {@code ssl_c_s_dn},
 * {@code ssl_c_i_dn}, {@code ssl_fc_sni}, {@code ssl_fc_protocol}, {@code ssl_fc_alpn}).
 */
class ClientCertificateTest {
    private static final String SHOW = "used=%[ssl_c_used] verify=%[ssl_c_verify] s_dn=%[ssl_c_s_dn] cn=%[ssl_c_s_dn(CN)]"
            + " o=%[ssl_c_s_dn(O)] i_dn=%[ssl_c_i_dn] sni=%[ssl_fc_sni] alpn=%[ssl_fc_alpn] %[ssl_fc_protocol]\\n";

    @TempDir
    Path dir;

    @Test
    void certificatesOfTheAuthorityAreShownOthersRefused() throws Exception {
        Certificates.authority(dir, "ca", "/O=Haven Test/CN=Clients CA");
        Certificates.signed(dir, dir, "client", "/C=FR/O=Haven Test/CN=client.test", null, "ca");
        Certificates.selfSigned(dir, dir, "rogue", "rogue.test");
        Path site = Certificates.selfSigned(dir, dir, "site", "site.test");
        int optional = Net.freePort();
        int required = Net.freePort();
        Path cfg = dir.resolve("mtls.cfg");
        Files.writeString(cfg, """
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 10s
                    timeout server 10s
                listen optional
                    bind 127.0.0.1:%d ssl crt %s alpn http/1.1 verify optional ca-file %s
                    http-request return status 200 content-type text/plain lf-string "%s"
                listen required
                    bind 127.0.0.1:%d ssl crt %s verify required ca-file %s
                    http-request return status 200 content-type text/plain lf-string "%s"
                """.formatted(optional, site, dir.resolve("ca.crt"), SHOW,
                required, site, dir.resolve("ca.crt"), SHOW));
        try (HavenProcess haven = HavenProcess.start(dir, cfg, optional, required)) {
            Curl withCert = curl(optional, "client");
            assertThat(withCert.exit()).as(withCert.err()).isZero();
            assertThat(withCert.out()).isEqualTo("used=1 verify=0 s_dn=/C=FR/O=Haven Test/CN=client.test cn=client.test"
                    + " o=Haven Test i_dn=/O=Haven Test/CN=Clients CA sni=site.test alpn=http/1.1 TLSv1.3\n");

            Curl without = curl(optional, null);
            assertThat(without.exit()).as(without.err()).isZero();
            assertThat(without.out()).isEqualTo("used=0 verify=0 s_dn=- cn=- o=- i_dn=- sni=site.test alpn=http/1.1 TLSv1.3\n");

            assertThat(curl(optional, "rogue").exit()).as("a certificate the ca-file does not vouch for fails the handshake").isNotZero();
            assertThat(curl(required, null).exit()).as("verify required: no certificate, no connection").isNotZero();
            Curl requiredOk = curl(required, "client", "--tls-max", "1.2");
            assertThat(requiredOk.exit()).as(requiredOk.err()).isZero();
            assertThat(requiredOk.out()).startsWith("used=1 verify=0 s_dn=/C=FR/O=Haven Test/CN=client.test").endsWith(" alpn=- TLSv1.2\n");
            assertThat(haven.isAlive()).isTrue();
        }
    }

    /** curl to https://site.test:PORT/ (resolved to 127.0.0.1) with client certificate NAME (null: none). */
    private Curl curl(int port, String name, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of(extra));
        if (name != null) {
            args.addAll(List.of("--cert", dir.resolve(name + ".crt").toString(), "--key", dir.resolve(name + ".key").toString()));
        }
        args.addAll(List.of("--resolve", "site.test:" + port + ":127.0.0.1", "--cacert", dir.resolve("site.crt").toString(),
                "https://site.test:" + port + "/"));
        return Curl.run(args.toArray(new String[0]));
    }
}
