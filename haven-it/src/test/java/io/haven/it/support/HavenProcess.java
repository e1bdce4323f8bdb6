package io.haven.it.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code haven} program in a child JVM (main class io.haven.cli.Haven on the test
 * class path), as an operator runs it. Output goes to files the test can read; the process is
 * stopped by PID.
 */
public final class HavenProcess implements AutoCloseable {
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private HavenProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Runs {@code haven ARGS} to completion (bounded) and returns its exit code and output. */
    public static Result run(Path dir, String... args) throws IOException, InterruptedException {
        HavenProcess p = launch(dir, args);
        if (!p.process.waitFor(60, TimeUnit.SECONDS)) {
            p.process.destroyForcibly();
            throw new IllegalStateException("haven " + String.join(" ", args) + " did not exit within 60s");
        }
        return new Result(p.process.exitValue(), p.stdout(), p.stderr());
    }

    /** Starts {@code haven -f CFG} and waits until every port in {@code ports} accepts connections. */
    public static HavenProcess start(Path dir, Path config, int... ports) throws IOException {
        return start(dir, Map.of(), config, ports);
    }

    /** As {@link #start(Path, Path, int...)} with extra environment variables (for {@code ${VAR}} in the file). */
    public static HavenProcess start(Path dir, Map<String, String> env, Path config, int... ports) throws IOException {
        HavenProcess p = launch(dir, env, "-f", config.toString());
        p.awaitPorts(ports);
        return p;
    }

    public static HavenProcess launch(Path dir, String... args) throws IOException {
        return launch(dir, Map.of(), args);
    }

    public static HavenProcess launch(Path dir, Map<String, String> env, String... args) throws IOException {
        return launch(List.of(), dir, env, args);
    }

    /** {@code haven ARGS} on a host of a {@link Lan}: inside its network namespace, same PID. */
    public static HavenProcess launchOn(LanHost host, Path dir, Map<String, String> env, String... args) throws IOException {
        return launch(host.prefix(), dir, env, args);
    }

    private static HavenProcess launch(List<String> prefix, Path dir, Map<String, String> env, String... args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"), "io.haven.cli.Haven"));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "haven-", ".out");
        Path err = Files.createTempFile(dir, "haven-", ".err");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().putAll(env);
        Process proc = pb.start();
        return new HavenProcess(proc, out, err);
    }

    public void awaitPorts(int... ports) {
        for (int port : ports) {
            await("haven listening on " + port).atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("haven exited with " + process.exitValue() + ":\n" + stderr());
                        }
                        return Net.listening(port);
                    });
        }
    }

    /**
     * Waits for Haven's "started" line without touching its ports, for tests that count every
     * connection their servers see (a probe connection would be counted too).
     */
    public HavenProcess awaitStarted() {
        await("haven started").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(() -> {
            if (!process.isAlive()) {
                throw new IllegalStateException("haven exited with " + process.exitValue() + ":\n" + stderr());
            }
            return stderr().contains(" started: ");
        });
        return this;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Process process() {
        return process;
    }

    /** Sends a signal by PID with kill(1). */
    public void signal(String name) throws IOException, InterruptedException {
        Process k = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!k.waitFor(10, TimeUnit.SECONDS) || k.exitValue() != 0) {
            throw new IOException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    public String stdout() {
        return read(stdout);
    }

    public String stderr() {
        return read(stderr);
    }

    private static String read(Path p) {
        try {
            return Files.readString(p, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** Waits (bounded) for the process to exit and returns its exit code. */
    public int awaitExit(Duration max) throws InterruptedException {
        if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("haven did not exit within " + max);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    /** Exit code and output of a finished run. */
    public record Result(int exitCode, String stdout, String stderr) {
    }
}
