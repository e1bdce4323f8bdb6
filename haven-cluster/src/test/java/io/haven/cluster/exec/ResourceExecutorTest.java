package io.haven.cluster.exec;

import io.haven.cluster.agent.AgentResult;
import io.haven.cluster.agent.OcfStatus;
import io.haven.cluster.agent.ResourceAgent;
import io.haven.cluster.state.Operation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ResourceExecutorTest {
    private static final OpTimings FAST = new OpTimings(Duration.ofSeconds(5), Duration.ofSeconds(5),
            Duration.ofMillis(50), Duration.ofSeconds(5));

    @TempDir
    Path dir;
    final List<OpResult> results = new CopyOnWriteArrayList<>();
    final ResourceExecutor executor = new ResourceExecutor(results::add);

    @AfterEach
    void close() {
        executor.close();
    }

    private List<OpResult> of(String resource, Operation op) {
        return results.stream().filter(r -> r.resource().equals(resource) && r.op() == op).toList();
    }

    @Test
    void aStartedResourceIsMonitoredUntilItIsStopped() throws Exception {
        FileResource web = new FileResource(dir.resolve("web"));
        OpResult started = executor.start("web", web, FAST).get(10, TimeUnit.SECONDS);
        assertThat(started.status()).isEqualTo(OcfStatus.SUCCESS);
        assertThat(started.running()).isTrue();
        assertThat(web.file).exists();
        await().atMost(Duration.ofSeconds(10)).until(() -> of("web", Operation.MONITOR).size() >= 3);
        assertThat(of("web", Operation.MONITOR)).allMatch(OpResult::ok);
        assertThat(executor.monitoring("web")).isTrue();

        OpResult stopped = executor.stop("web", web, FAST).get(10, TimeUnit.SECONDS);
        assertThat(stopped.ok()).isTrue();
        assertThat(stopped.running()).isFalse();
        assertThat(web.file).doesNotExist();
        assertThat(executor.monitoring("web")).isFalse();
        int monitors = of("web", Operation.MONITOR).size();
        // no monitor runs after the stop: a probe queued behind any stray one finds the count unchanged
        executor.probe("web", web, FAST).get(10, TimeUnit.SECONDS);
        assertThat(of("web", Operation.MONITOR)).hasSize(monitors);
    }

    @Test
    void aMonitorThatFindsTheResourceGoneReportsItAndEndsTheRecurringMonitor() throws Exception {
        FileResource web = new FileResource(dir.resolve("web"));
        executor.start("web", web, FAST).get(10, TimeUnit.SECONDS);
        Files.delete(web.file);
        await().atMost(Duration.ofSeconds(10)).until(() -> of("web", Operation.MONITOR).stream()
                .anyMatch(r -> r.status() == OcfStatus.NOT_RUNNING));
        await().atMost(Duration.ofSeconds(5)).until(() -> !executor.monitoring("web"));
        assertThat(of("web", Operation.MONITOR).get(of("web", Operation.MONITOR).size() - 1).running()).isFalse();
    }

    @Test
    void operationsOnOneResourceRunOneAtATimeInOrder() throws Exception {
        FileResource web = new FileResource(dir.resolve("web"));
        executor.start("web", web, FAST);
        executor.stop("web", web, FAST);
        executor.start("web", web, FAST);
        OpResult last = executor.probe("web", web, FAST).get(10, TimeUnit.SECONDS);
        assertThat(results.stream().filter(r -> r.op() != Operation.MONITOR).map(OpResult::op))
                .containsExactly(Operation.START, Operation.STOP, Operation.START, Operation.PROBE);
        assertThat(last.running()).isTrue();
        assertThat(web.maxInFlight.get()).isEqualTo(1);
    }

    @Test
    void differentResourcesRunInParallel() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        ResourceAgent waitsForTheOther = new ResourceAgent() {
            @Override
            public AgentResult start(Duration timeout) throws InterruptedException {
                bothStarted.countDown();
                return bothStarted.await(timeout.toMillis(), TimeUnit.MILLISECONDS)
                        ? AgentResult.success("met the other") : AgentResult.error("alone");
            }

            @Override
            public AgentResult stop(Duration timeout) {
                return AgentResult.success("stopped");
            }

            @Override
            public AgentResult monitor(Duration timeout) {
                return AgentResult.success("running");
            }
        };
        var a = executor.start("a", waitsForTheOther, FAST);
        var b = executor.start("b", waitsForTheOther, FAST);
        assertThat(a.get(10, TimeUnit.SECONDS).message()).isEqualTo("met the other");
        assertThat(b.get(10, TimeUnit.SECONDS).message()).isEqualTo("met the other");
    }

    @Test
    void aHungAgentTimesOutAndTheResourceStaysUsable() throws Exception {
        OpTimings shortStart = new OpTimings(Duration.ofMillis(300), Duration.ofSeconds(5), Duration.ZERO, Duration.ofSeconds(5));
        Path pidFile = dir.resolve("sleep.pid");
        ResourceAgent hangs = new ResourceAgent() {
            @Override
            public AgentResult start(Duration timeout) throws InterruptedException {
                Process sleep;
                try {
                    sleep = new ProcessBuilder("sleep", "60").start();
                    Files.writeString(pidFile, Long.toString(sleep.pid()));
                } catch (java.io.IOException e) {
                    return AgentResult.error(e.toString());
                }
                try {
                    sleep.waitFor(); // never returns in time: the executor interrupts it
                    return AgentResult.success("slept");
                } finally {
                    sleep.destroyForcibly();
                }
            }

            @Override
            public AgentResult stop(Duration timeout) {
                return AgentResult.success("stopped");
            }

            @Override
            public AgentResult monitor(Duration timeout) {
                return AgentResult.notRunning("never started");
            }
        };
        OpResult r = executor.start("slow", hangs, shortStart).get(20, TimeUnit.SECONDS);
        assertThat(r.status()).isEqualTo(OcfStatus.TIMEOUT);
        assertThat(r.message()).contains("start did not finish within 300 ms");
        long pid = Long.parseLong(Files.readString(pidFile));
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        assertThat(executor.probe("slow", hangs, shortStart).get(10, TimeUnit.SECONDS).status()).isEqualTo(OcfStatus.NOT_RUNNING);
    }

    @Test
    void anAgentThatThrowsIsAnErrorForItsResourceOnly() throws Exception {
        ResourceAgent broken = new ResourceAgent() {
            @Override
            public AgentResult start(Duration timeout) {
                throw new IllegalStateException("no such interface eth9");
            }

            @Override
            public AgentResult stop(Duration timeout) {
                return AgentResult.success("stopped");
            }

            @Override
            public AgentResult monitor(Duration timeout) {
                return null;
            }
        };
        FileResource web = new FileResource(dir.resolve("web"));
        OpResult bad = executor.start("broken", broken, FAST).get(10, TimeUnit.SECONDS);
        assertThat(bad.status()).isEqualTo(OcfStatus.ERR_GENERIC);
        assertThat(bad.message()).contains("no such interface eth9");
        assertThat(executor.probe("broken", broken, FAST).get(10, TimeUnit.SECONDS).message()).isEqualTo("agent returned no result");
        assertThat(executor.start("web", web, FAST).get(10, TimeUnit.SECONDS).ok()).isTrue();
    }
}
