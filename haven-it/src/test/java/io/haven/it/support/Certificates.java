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
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=" + host, "-addext", "subjectAltName=DNS:" + host,
                "-keyout", dir.resolve(name + ".key").toString(), "-out", dir.resolve(name + ".crt").toString());
        return pem(dir, pemDir, name);
    }

    /** A certificate authority named {@code subject} (such as {@code /CN=Test CA}): writes {@code NAME.crt} and {@code NAME.key} in {@code dir}. */
    public static void authority(Path dir, String name, String subject) throws Exception {
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", subject,
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-keyout", dir.resolve(name + ".key").toString(), "-out", dir.resolve(name + ".crt").toString());
    }

    /**
     * A certificate for {@code subject} (a DNS name {@code host} unless null) signed by the
     * authority {@code ca} made by {@link #authority}: writes {@code NAME.crt}, {@code NAME.key} in
     * {@code dir} and returns {@code pemDir/NAME.pem}.
     */
    public static Path signed(Path dir, Path pemDir, String name, String subject, String host, String ca) throws Exception {
        String key = dir.resolve(name + ".key").toString();
        String csr = dir.resolve(name + ".csr").toString();
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-keyout", key, "-out", csr);
        Path ext = Files.writeString(dir.resolve(name + ".ext"), host == null ? "basicConstraints=CA:FALSE\n"
                : "basicConstraints=CA:FALSE\nsubjectAltName=DNS:" + host + "\n");
        openssl("x509", "-req", "-in", csr, "-CA", dir.resolve(ca + ".crt").toString(), "-CAkey", dir.resolve(ca + ".key").toString(),
                "-CAcreateserial", "-days", "2", "-extfile", ext.toString(), "-out", dir.resolve(name + ".crt").toString());
        return pem(dir, pemDir, name);
    }

    private static Path pem(Path dir, Path pemDir, String name) throws Exception {
        return Files.writeString(pemDir.resolve(name + ".pem"),
                Files.readString(dir.resolve(name + ".crt")) + Files.readString(dir.resolve(name + ".key")));
    }

    private static void openssl(String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "openssl";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
    }
}
