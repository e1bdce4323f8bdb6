package io.haven.cluster.agent.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.cluster.agent.AgentParams;
import io.haven.cluster.agent.AgentResult;
import io.haven.cluster.agent.OcfStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The process agent runs a real nginx, in the foreground or daemonised with a pid file. */
class ProcessAgentNginxTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    @TempDir
    Path dir;
    private final List<ProcessAgent> started = new ArrayList<>();
    private final List<Long> toKill = new ArrayList<>();

    @AfterEach
    void cleanUp() throws Exception {
        for (ProcessAgent a : started) {
            a.stop(TIMEOUT);
        }
        for (long pid : toKill) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
        }
    }

    private ProcessAgent agent(Map<String, String> params) {
        ProcessAgent a = ProcessAgent.create(new AgentParams("web", "process", params));
        started.add(a);
        return a;
    }

    @Test
    void aForegroundNginxIsReadyWhenItsHealthUrlAnswersAndStopsOnSigterm() throws Exception {
        NginxSite site = new NginxSite(dir, false, 200);
        ProcessAgent agent = agent(Map.of("command", site.command(), "health-url", site.url("/health"),
                "log-file", dir.resolve("out.log").toString()));
        assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.NOT_RUNNING);
        long t0 = System.nanoTime();
        AgentResult start = agent.start(TIMEOUT);
        System.out.printf("nginx (foreground) start until healthy took %d ms%n", (System.nanoTime() - t0) / 1_000_000);
        assertThat(start.status()).as(start.message()).isEqualTo(OcfStatus.SUCCESS);
        assertThat(site.get("/")).isEqualTo(200);
        assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
        AgentResult again = agent.start(TIMEOUT);
        assertThat(again.message()).startsWith("already running");
        long pid = Long.parseLong(start.message().replaceAll(".*pid ", ""));
        AgentResult stop = agent.stop(TIMEOUT);
        assertThat(stop.status()).as(stop.message()).isEqualTo(OcfStatus.SUCCESS);
        assertThat(stop.message()).contains("SIGTERM");
        assertThat(Pids.alive(pid)).isFalse();
        assertThat(site.get("/")).isEqualTo(-1);
        assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.NOT_RUNNING);
        assertThat(agent.stop(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
    }

    @Test
    void aDaemonisedNginxIsFollowedThroughItsPidFile() throws Exception {
        NginxSite site = new NginxSite(dir, true, 200);
        ProcessAgent agent = agent(Map.of("command", site.command(), "pidfile", site.pidfile().toString()));
        AgentResult start = agent.start(TIMEOUT);
        assertThat(start.status()).as(start.message()).isEqualTo(OcfStatus.SUCCESS);
        long master = Pids.read(site.pidfile()).orElseThrow();
        assertThat(start.message()).endsWith("pid " + master);
        await().atMost(Duration.ofSeconds(10)).until(() -> site.get("/") == 200);
        assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
        AgentResult stop = agent.stop(TIMEOUT);
        assertThat(stop.status()).as(stop.message()).isEqualTo(OcfStatus.SUCCESS);
        assertThat(Pids.alive(master)).isFalse();
        assertThat(site.pidfile()).doesNotExist();
        assertThat(site.get("/")).isEqualTo(-1);
    }

    @Test
    void aKilledNginxIsNotRunningAndStartsAgain() throws Exception {
        NginxSite site = new NginxSite(dir, true, 200);
        ProcessAgent agent = agent(Map.of("command", site.command(), "pidfile", site.pidfile().toString(),
                "health-url", site.url("/")));
        assertThat(agent.start(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
        long master = Pids.read(site.pidfile()).orElseThrow();
        List<ProcessHandle> tree = new ArrayList<>(ProcessHandle.of(master).orElseThrow().descendants().toList());
        tree.forEach(h -> toKill.add(h.pid()));
        ProcessHandle.of(master).orElseThrow().destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        await().atMost(Duration.ofSeconds(10)).until(() -> !Pids.alive(master));
        assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.NOT_RUNNING);
        await().atMost(Duration.ofSeconds(10)).until(() -> site.get("/") == -1);
        AgentResult restart = agent.start(TIMEOUT);
        assertThat(restart.status()).as(restart.message()).isEqualTo(OcfStatus.SUCCESS);
        OptionalLong again = Pids.read(site.pidfile());
        assertThat(again.orElseThrow()).isNotEqualTo(master);
        assertThat(site.get("/")).isEqualTo(200);
    }

    @Test
    void anUnhealthyNginxNeverBecomesReadyAndMonitorCallsItFailed() throws Exception {
        NginxSite site = new NginxSite(dir, false, 503);
        ProcessAgent agent = agent(Map.of("command", site.command(), "health-url", site.url("/health")));
        AgentResult start = agent.start(Duration.ofSeconds(3));
        assertThat(start.status()).isEqualTo(OcfStatus.TIMEOUT);
        assertThat(start.message()).contains("answered 503");
        AgentResult monitor = agent.monitor(TIMEOUT);
        assertThat(monitor.status()).isEqualTo(OcfStatus.ERR_GENERIC);
        assertThat(monitor.message()).contains("runs but").contains("answered 503");
        assertThat(agent.stop(TIMEOUT).status()).isEqualTo(OcfStatus.SUCCESS);
        assertThat(agent.monitor(TIMEOUT).status()).isEqualTo(OcfStatus.NOT_RUNNING);
    }

    @Test
    void nginxThatCannotStartIsAnErrorNamingTheLog() throws Exception {
        NginxSite site = new NginxSite(dir, false, 200);
        Files.writeString(site.conf(), "this is not nginx configuration;\n");
        AgentResult r = agent(Map.of("command", site.command(), "log-file", dir.resolve("out.log").toString(),
                "health-url", site.url("/"))).start(TIMEOUT);
        assertThat(r.status()).isEqualTo(OcfStatus.ERR_GENERIC);
        assertThat(r.message()).contains("exited with code 1 before it was ready").contains("out.log");
        assertThat(Files.readString(dir.resolve("out.log"))).contains("unknown directive");
    }
}
