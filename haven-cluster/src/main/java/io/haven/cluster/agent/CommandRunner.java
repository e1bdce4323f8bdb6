package io.haven.cluster.agent;

import java.io.File;
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
 * Runs a command to completion with a timeout, as agents need for {@code ip}, {@code arping} and OCF
 * scripts. Stdin is {@code /dev/null}; stdout and stderr go to one temporary file rather than a pipe,
 * so a background child that inherits them (IPaddr2's ARP sender) cannot keep the call waiting. At
 * the timeout the whole process tree is killed. An optional prefix runs every command through
 * another one, e.g. {@code ip netns exec NS} so tests can act inside a network namespace.
 */
public final class CommandRunner {
    private static final int MAX_OUTPUT = 64 * 1024;
    private final List<String> prefix;

    public CommandRunner(List<String> prefix) {
        this.prefix = List.copyOf(prefix);
    }

    /** Runs commands as they are. */
    public static CommandRunner local() {
        return new CommandRunner(List.of());
    }

    /** Runs commands inside network namespace {@code name} ({@code ip netns exec NAME ...}). */
    public static CommandRunner inNetns(String name) {
        return new CommandRunner(List.of("ip", "netns", "exec", name));
    }

    public List<String> prefix() {
        return prefix;
    }

    public CommandResult run(List<String> argv, Duration timeout) throws InterruptedException {
        return run(argv, Map.of(), timeout);
    }

    /**
     * Runs {@code argv} (after the prefix) with the given variables added to this process's
     * environment; a command that cannot be started at all ends with exit code 127, as in a shell.
     */
    public CommandResult run(List<String> argv, Map<String, String> env, Duration timeout) throws InterruptedException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(argv);
        long t0 = System.nanoTime();
        Path out = null;
        try {
            out = Files.createTempFile("haven-cmd", ".out");
            ProcessBuilder pb = new ProcessBuilder(command)
                    .redirectInput(new File("/dev/null"))
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile());
            pb.environment().putAll(env);
            Process p;
            try {
                p = pb.start();
            } catch (IOException e) {
                return new CommandResult(127, "cannot run " + command.get(0) + ": " + e.getMessage(), false, since(t0));
            }
            boolean done;
            try {
                done = p.waitFor(Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                killTree(p.toHandle());
                throw e;
            }
            if (!done) {
                killTree(p.toHandle());
                p.waitFor(2, TimeUnit.SECONDS);
                return new CommandResult(-1, read(out), true, since(t0));
            }
            return new CommandResult(p.exitValue(), read(out), false, since(t0));
        } catch (IOException e) {
            return new CommandResult(127, "cannot run " + command.get(0) + ": " + e.getMessage(), false, since(t0));
        } finally {
            if (out != null) {
                try {
                    Files.deleteIfExists(out);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless
                }
            }
        }
    }

    /**
     * Starts {@code argv} (after the prefix) in the background with its output discarded, for a
     * command whose end nobody waits for (repeated gratuitous ARPs).
     */
    public Process spawn(List<String> argv) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(argv);
        return new ProcessBuilder(command)
                .redirectInput(new File("/dev/null"))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    /** Kills a process and every descendant it has, with SIGKILL: a timed-out action gets no second chance. */
    public static void killTree(ProcessHandle root) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        root.destroyForcibly();
        for (ProcessHandle h : tree) {
            h.destroyForcibly();
        }
        // children forked while the first snapshot was taken
        for (ProcessHandle h : tree) {
            h.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static String read(Path out) throws IOException {
        byte[] bytes = Files.readAllBytes(out);
        int from = Math.max(0, bytes.length - MAX_OUTPUT);
        return new String(bytes, from, bytes.length - from, StandardCharsets.UTF_8);
    }

    private static Duration since(long t0) {
        return Duration.ofNanos(System.nanoTime() - t0);
    }
}
