package io.haven.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.config.model.TlsServerConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code server ... ssl verify none|required ca-file FILE}, and the same on {@code default-server}. */
class ServerTlsOptionsTest {
    @TempDir
    Path dir;

    private TlsServerConfig tls(String lines) throws ConfigException {
        return new ConfigParser(Map.of()).parseText("t.cfg", "backend be\n" + lines)
                .proxy("be").orElseThrow().servers().get(0).tls();
    }

    @Test
    void plainWithoutSsl() throws ConfigException {
        assertThat(tls("  server s 127.0.0.1:443\n")).isNull();
        assertThat(tls("  default-server ssl verify none\n  server s 127.0.0.1:443 no-ssl\n")).isNull();
    }

    @Test
    void verifyNoneOrRequiredWithACaFile() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        assertThat(tls("  server s 127.0.0.1:443 ssl verify none\n")).isEqualTo(new TlsServerConfig(false, null));
        assertThat(tls("  server s 127.0.0.1:443 ssl ca-file " + ca + "\n")).isEqualTo(new TlsServerConfig(true, ca.toString()));
        assertThat(tls("  default-server ssl verify required ca-file " + ca + " check\n  server s 127.0.0.1:443 weight 5\n"))
                .isEqualTo(new TlsServerConfig(true, ca.toString()));
    }

    @Test
    void verificationWithoutCaFileIsAnErrorThatSaysWhatToDo() throws Exception {
        assertThatThrownBy(() -> tls("  server s 127.0.0.1:443 ssl\n")).hasMessageContaining("t.cfg:2")
                .hasMessageContaining("has no 'ca-file'").hasMessageContaining("'verify none'");
        assertThatThrownBy(() -> tls("  server s 127.0.0.1:443 ssl verify sometimes\n"))
                .hasMessageContaining("expects 'none' or 'required'");
        assertThatThrownBy(() -> tls("  server s 127.0.0.1:443 ssl ca-file " + dir.resolve("none.pem") + "\n"))
                .hasMessageContaining("cannot read");
        Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing\n");
        assertThatThrownBy(() -> tls("  server s 127.0.0.1:443 ssl ca-file " + empty + "\n"))
                .hasMessageContaining("holds no PEM certificate");
        assertThatThrownBy(() -> tls("  server s 127.0.0.1:443 ssl verify none sni\n")).hasMessageContaining("missing argument");
    }

    @Test
    void sniAndVerifyhostAreKeptForTheGeneration() throws Exception {
        Path ca = Files.writeString(dir.resolve("ca.pem"), "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
        assertThat(tls("  server s 127.0.0.1:443 ssl ca-file " + ca + " sni req.hdr(host) verifyhost origin.test\n"))
                .isEqualTo(new TlsServerConfig(true, ca.toString(), "req.hdr(host)", "origin.test"));
        assertThat(tls("  default-server ssl verify none sni str(a.test)\n  server s 127.0.0.1:443\n"))
                .isEqualTo(new TlsServerConfig(false, null, "str(a.test)", null));
    }
}
