package io.haven.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.config.model.BindConfig;
import io.haven.config.model.TlsBindConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bind ... ssl crt FILE|DIR alpn ... ssl-min-ver ...}: TLS termination settings. */
class BindTlsOptionsTest {
    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
            + "-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n";

    @TempDir
    Path dir;

    private BindConfig bind(String options) throws ConfigException {
        return new ConfigParser(Map.of()).parseText("t.cfg", "frontend fe\n  bind 127.0.0.1:8443 " + options + "\n")
                .proxy("fe").orElseThrow().binds().get(0);
    }

    @Test
    void plainBindHasNoTls() throws ConfigException {
        assertThat(new ConfigParser(Map.of()).parseText("t.cfg", "frontend fe\n  bind 127.0.0.1:80\n")
                .proxy("fe").orElseThrow().binds().get(0).tls()).isNull();
    }

    @Test
    void filesAndDirectoriesInOrder() throws Exception {
        Path a = Files.writeString(dir.resolve("a.pem"), PEM);
        Path certs = Files.createDirectory(dir.resolve("certs"));
        Files.writeString(certs.resolve("z.pem"), PEM);
        Files.writeString(certs.resolve("b.pem"), PEM);
        TlsBindConfig tls = bind("ssl crt " + a + " crt " + certs + " alpn h2,http/1.1 ssl-min-ver TLSv1.2 ssl-max-ver TLSv1.3").tls();
        assertThat(tls.certificates()).containsExactly(a.toString(), certs.resolve("b.pem").toString(),
                certs.resolve("z.pem").toString());
        assertThat(tls.alpn()).isEqualTo(List.of("h2", "http/1.1"));
        assertThat(tls.minVersion()).isEqualTo("TLSv1.2");
        assertThat(tls.maxVersion()).isEqualTo("TLSv1.3");
    }

    @Test
    void clientCertificatesWithTheirAuthorities() throws Exception {
        Path ok = Files.writeString(dir.resolve("ok.pem"), PEM);
        Path ca = Files.writeString(dir.resolve("ca.pem"), PEM);
        assertThat(bind("ssl crt " + ok).tls().verify()).isEqualTo(TlsBindConfig.ClientVerify.NONE);
        TlsBindConfig tls = bind("ssl crt " + ok + " verify optional ca-file " + ca).tls();
        assertThat(tls.verify()).isEqualTo(TlsBindConfig.ClientVerify.OPTIONAL);
        assertThat(tls.caFile()).isEqualTo(ca.toString());
        assertThat(bind("ssl crt " + ok + " ca-file " + ca + " verify required").tls().verify())
                .isEqualTo(TlsBindConfig.ClientVerify.REQUIRED);
    }

    @Test
    void errorsNameTheLineAndWhatIsWrong() throws Exception {
        Path noKey = Files.writeString(dir.resolve("nokey.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        Path ok = Files.writeString(dir.resolve("ok.pem"), PEM);
        assertThatThrownBy(() -> bind("ssl crt " + dir.resolve("missing.pem"))).hasMessageContaining("t.cfg:2")
                .hasMessageContaining("cannot read certificate file");
        assertThatThrownBy(() -> bind("ssl crt " + noKey)).hasMessageContaining("must hold a PEM certificate and its private key");
        assertThatThrownBy(() -> bind("ssl")).hasMessageContaining("needs at least one 'crt");
        assertThatThrownBy(() -> bind("crt " + ok)).hasMessageContaining("need 'ssl'");
        assertThatThrownBy(() -> bind("ssl crt " + ok + " ssl-min-ver TLSv9")).hasMessageContaining("invalid value 'TLSv9'");
        assertThatThrownBy(() -> bind("ssl crt " + ok + " ssl-min-ver SSLv3")).hasMessageContaining("SSLv3 is not supported");
        assertThatThrownBy(() -> bind("ssl crt " + ok + " ssl-min-ver TLSv1.3 ssl-max-ver TLSv1.2"))
                .hasMessageContaining("is above");
        assertThatThrownBy(() -> bind("ssl crt " + ok + " verify required")).hasMessageContaining("needs a 'ca-file'");
        assertThatThrownBy(() -> bind("ssl crt " + ok + " verify sometimes")).hasMessageContaining("invalid value 'sometimes'");
        assertThatThrownBy(() -> bind("ssl crt " + ok + " accept-proxy")).hasMessageContaining("bind option 'accept-proxy' is not implemented");
        assertThatThrownBy(() -> bind("ssl crt")).hasMessageContaining("missing argument");
    }
}
