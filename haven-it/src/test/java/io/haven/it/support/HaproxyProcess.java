package io.haven.it.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Debian's real HAProxy ({@code /usr/sbin/haproxy}, 2.6 with Lua 5.3) in the foreground, for
 * differential tests: the same script and configuration as Haven's, the same requests. Stopped
 * by PID.
 */
public final class HaproxyProcess implements AutoCloseable {
    public static final Path BINARY = Path.of("/usr/sbin/haproxy");
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private HaproxyProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    public static boolean installed() {
        return Files.isExecutable(BINARY);
    }

    /** Starts {@code haproxy -db -f CFG} and waits until {@code ready} (a unix socket path) exists. */
    public static HaproxyProcess start(Path dir, Path config, Path ready) throws IOException {
        Path out = Files.createTempFile(dir, "haproxy", ".out");
        Path err = Files.createTempFile(dir, "haproxy", ".err");
        ProcessBuilder pb = new ProcessBuilder(BINARY.toString(), "-db", "-f", config.toString())
                .directory(dir.toFile())
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        HaproxyProcess h = new HaproxyProcess(pb.start(), out, err);
        await("haproxy ready").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!h.process.isAlive()) {
                throw new IllegalStateException("haproxy exited with " + h.process.exitValue() + ":\n" + h.stderr());
            }
            return Files.exists(ready);
        });
        return h;
    }

    public String stderr() {
        return read(stderr);
    }

    /** What it wrote to stdout: the traffic log of {@code log stdout}. */
    public String stdout() {
        return read(stdout);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
