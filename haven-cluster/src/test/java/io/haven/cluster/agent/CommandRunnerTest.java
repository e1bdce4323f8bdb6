package io.haven.cluster.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands run to their end with output, exit code and environment; a background child cannot hold the call; a timeout kills the tree. */
class CommandRunnerTest {
    private final CommandRunner runner = CommandRunner.local();

    @TempDir
    Path dir;

    @Test
    void outputExitCodeAndEnvironmentComeBack() throws Exception {
        CommandResult r = runner.run(List.of("/bin/sh", "-c", "echo out; echo \"err $GREETING\" >&2; exit 3"),
                Map.of("GREETING", "hello"), Duration.ofSeconds(10));
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.timedOut()).isFalse();
        assertThat(r.output()).contains("out\n").contains("err hello\n");
        assertThat(r.lastLine()).isIn("out", "err hello");
    }

    @Test
    void aBackgroundChildKeepingTheOutputOpenDoesNotHoldTheCall() throws Exception {
        Path pid = dir.resolve("child.pid");
        CommandResult r = runner.run(List.of("/bin/sh", "-c", "sleep 30 & echo $! > " + pid + "; echo started"), Duration.ofSeconds(20));
        try {
            assertThat(r.ok()).isTrue();
            assertThat(r.output()).isEqualTo("started\n");
            System.out.printf("a call whose child lives on returned after %d ms%n", r.took().toMillis());
        } finally {
            ProcessHandle.of(Long.parseLong(Files.readString(pid).strip())).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aTimeoutKillsTheCommandAndItsChildren() throws Exception {
        Path pid = dir.resolve("child.pid");
        CommandResult r = runner.run(List.of("/bin/sh", "-c", "sleep 30 & echo $! > " + pid + "; wait"), Duration.ofMillis(700));
        assertThat(r.timedOut()).isTrue();
        assertThat(r.ok()).isFalse();
        long child = Long.parseLong(Files.readString(pid).strip());
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(child).map(h -> !h.isAlive()).orElse(true));
    }

    @Test
    void aMissingCommandIs127() throws Exception {
        CommandResult r = runner.run(List.of("/nonexistent/tool"), Duration.ofSeconds(5));
        assertThat(r.exitCode()).isEqualTo(127);
        assertThat(r.output()).startsWith("cannot run /nonexistent/tool");
    }

    @Test
    void aPrefixWrapsEveryCommand() throws Exception {
        CommandRunner wrapped = new CommandRunner(List.of("/usr/bin/env", "WRAPPED=yes"));
        assertThat(wrapped.run(List.of("/bin/sh", "-c", "echo $WRAPPED"), Duration.ofSeconds(5)).output()).isEqualTo("yes\n");
    }
}
