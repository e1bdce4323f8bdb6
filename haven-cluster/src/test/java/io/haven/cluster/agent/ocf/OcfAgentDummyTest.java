package io.haven.cluster.agent.ocf;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.cluster.agent.AgentParams;
import io.haven.cluster.agent.AgentResult;
import io.haven.cluster.agent.CommandRunner;
import io.haven.cluster.agent.OcfStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Debian's heartbeat:Dummy agent (a state file) runs through the ocf agent with OCF's idempotence. */
class OcfAgentDummyTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void startMonitorStopFollowTheStateFileAndRepeatSafely() throws Exception {
        Path state = dir.resolve("dummy.state");
        OcfAgent agent = OcfAgent.create(new AgentParams("dummy1", "ocf",
                Map.of("agent", "heartbeat:Dummy", "state", state.toString())), CommandRunner.local());
        assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.NOT_RUNNING);
        AgentResult start = agent.start(TIMEOUT);
        assertThat(start.status()).as(start.message()).isEqualTo(OcfStatus.SUCCESS);
        assertThat(state).exists();
        assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
        assertThat(agent.start(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
        AgentResult stop = agent.stop(TIMEOUT);
        assertThat(stop.status()).as(stop.message()).isEqualTo(OcfStatus.SUCCESS);
        assertThat(state).doesNotExist();
        assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.NOT_RUNNING);
        assertThat(agent.stop(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
    }

    @Test
    void theResourceIdIsTheOcfInstanceThatNamesTheDefaultStateFile() throws Exception {
        String id = "hv-ag-dummy-" + ProcessHandle.current().pid();
        Path state = Path.of("/run/resource-agents/Dummy-" + id + ".state");
        OcfAgent agent = OcfAgent.create(new AgentParams(id, "ocf", Map.of("agent", "ocf:heartbeat:Dummy")), CommandRunner.local());
        try {
            assertThat(agent.start(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
            assertThat(state).exists();
        } finally {
            assertThat(agent.stop(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
        }
        assertThat(state).doesNotExist();
    }

    @Test
    void aRecurringMonitorExplainsNotRunningWhileAProbeDoesNot() throws Exception {
        OcfAgent agent = OcfAgent.create(new AgentParams("dummy2", "ocf",
                Map.of("agent", "heartbeat:Dummy", "state", dir.resolve("s").toString())), CommandRunner.local());
        AgentResult monitor = agent.monitor(TIMEOUT);
        assertThat(monitor.status()).isEqualTo(OcfStatus.NOT_RUNNING);
        assertThat(monitor.message()).endsWith(": No process state file found");
        AgentResult probe = agent.probe(TIMEOUT);
        assertThat(probe.status()).isEqualTo(OcfStatus.NOT_RUNNING);
        assertThat(probe.message()).doesNotContain("No process state file found");
        assertThat(agent.validate(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
    }

    @Test
    void aMissingAgentIsNotInstalled() throws Exception {
        AgentResult r = OcfAgent.create(new AgentParams("x", "ocf", Map.of("agent", "heartbeat:NoSuchAgent")),
                CommandRunner.local()).start(TIMEOUT);
        assertThat(r.status()).isEqualTo(OcfStatus.ERR_INSTALLED);
        assertThat(r.message()).contains("/usr/lib/ocf/resource.d/heartbeat/NoSuchAgent does not exist");
        assertThat(Files.exists(Path.of("/usr/lib/ocf/resource.d/heartbeat/NoSuchAgent"))).isFalse();
    }
}
