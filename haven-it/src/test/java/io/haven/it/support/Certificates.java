package io.haven.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Test certificates made with the {@code openssl} command, as an operator makes them. */
public final class Certificates {
    private Certificates() {
    }

    /**
     * A self-signed certificate for {@code host}: writes {@code NAME.crt}, {@code NAME.key} in
     * {@code dir} and returns {@code pemDir/NAME.pem}, both concatenated as HAProxy takes them.
     */
    public static Path selfSigned(Path dir, Path pemDir, String name, String host) throws Exception {
        Process p = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=" + host, "-addext", "subjectAltName=DNS:" + host,
                "-keyout", dir.resolve(name + ".key").toString(), "-out", dir.resolve(name + ".crt").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return Files.writeString(pemDir.resolve(name + ".pem"),
                Files.readString(dir.resolve(name + ".crt")) + Files.readString(dir.resolve(name + ".key")));
    }
}
