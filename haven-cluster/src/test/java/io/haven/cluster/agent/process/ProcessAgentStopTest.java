package io.haven.cluster.agent.process;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.cluster.agent.AgentParams;
import io.haven.cluster.agent.AgentResult;
import io.haven.cluster.agent.OcfStatus;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process that ignores SIGTERM is killed with SIGKILL once the stop timeout has passed. */
class ProcessAgentStopTest {

    @TempDir
    Path dir;

    @Test
    void sigtermIgnoredMeansSigkillAfterTheStopTimeout() throws Exception {
        // the quoted script exercises the command splitting: sh gets exactly three arguments;
        // the pid file is written once the trap is set, so start returns only then
        Path pidfile = dir.resolve("stubborn.pid");
        ProcessAgent agent = ProcessAgent.create(new AgentParams("stubborn", "process", Map.of(
                "command", "/bin/sh -c 'trap \"\" TERM; echo $$ > \"" + pidfile + "\"; while :; do sleep 1; done'",
                "pidfile", pidfile.toString(), "stop-timeout", "700ms")));
        AgentResult start = agent.start(Duration.ofSeconds(10));
        assertThat(start.status()).as(start.message()).isEqualTo(OcfStatus.SUCCESS);
        long pid = Long.parseLong(start.message().replaceAll(".*pid ", ""));
        try {
            long t0 = System.nanoTime();
            AgentResult stop = agent.stop(Duration.ofSeconds(10));
            System.out.printf("stop of a SIGTERM-ignoring process took %d ms (stop-timeout 700)%n", (System.nanoTime() - t0) / 1_000_000);
            assertThat(stop.status()).as(stop.message()).isEqualTo(OcfStatus.SUCCESS);
            assertThat(stop.message()).contains("SIGKILL after 700 ms");
            assertThat(Pids.alive(pid)).isFalse();
            assertThat(agent.monitor(Duration.ofSeconds(5)).status()).isEqualTo(OcfStatus.NOT_RUNNING);
        } finally {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    @Test
    void aCommandThatIsNotInstalledIsErrInstalled() throws Exception {
        AgentResult r = ProcessAgent.create(new AgentParams("x", "process", Map.of("command", "/nonexistent/daemon --flag")))
                .start(Duration.ofSeconds(5));
        assertThat(r.status()).isEqualTo(OcfStatus.ERR_INSTALLED);
        assertThat(r.message()).contains("cannot run /nonexistent/daemon");
    }
}
