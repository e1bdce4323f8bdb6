package io.haven.cluster.agent.process;

import io.haven.cluster.agent.AgentParams;
import io.haven.cluster.agent.AgentResult;
import io.haven.cluster.agent.Deadline;
import io.haven.cluster.agent.OcfStatus;
import io.haven.cluster.agent.ResourceAgent;
import java.io.File;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.OptionalLong;

/**
 * {@code process}: a long-running command. Start spawns it (stdin {@code /dev/null}, output to
 * {@code log-file} or discarded) and waits until it is ready: its pid file names a live process
 * (when {@code pidfile} is set) and its {@code health-url} answers 2xx (when set). Monitor is
 * SUCCESS while the pid lives and the health URL answers 2xx, ERR_GENERIC when the process lives
 * but is unhealthy, NOT_RUNNING when it is gone. With neither a pid file nor a health URL, start
 * succeeds as soon as the process is spawned. Stop sends SIGTERM and, after
 * {@code stop-timeout}, SIGKILL. Without a pid file the pid is the spawned process's, so a Haven
 * restart forgets it: commands that should survive one must write a pid file.
 */
public final class ProcessAgent implements ResourceAgent {
    private static final Duration POLL = Duration.ofMillis(10);
    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(2);

    private final ProcessSettings settings;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(HEALTH_TIMEOUT).build();
    private Process spawned;

    private ProcessAgent(ProcessSettings settings) {
        this.settings = settings;
    }

    public static ProcessAgent create(AgentParams params) {
        return new ProcessAgent(ProcessSettings.of(params));
    }

    @Override
    public synchronized AgentResult start(Duration timeout) throws InterruptedException {
        Deadline deadline = Deadline.after(timeout);
        OptionalLong running = pid();
        // a process spawned earlier that has not written its pid file yet is not started twice
        if (running.isEmpty() && (spawned == null || !spawned.isAlive())) {
            AgentResult launched = launch();
            if (launched != null) {
                return launched;
            }
        }
        String problem = "not ready";
        while (true) {
            if (deadline.passed()) {
                return new AgentResult(OcfStatus.TIMEOUT, settings.argv().get(0) + " was not ready within "
                        + timeout.toMillis() + " ms: " + problem);
            }
            OptionalLong pid = pid();
            if (pid.isPresent()) {
                String unhealthy = health(deadline);
                if (unhealthy == null) {
                    return AgentResult.success((running.isPresent() ? "already running" : "started") + ", pid " + pid.getAsLong());
                }
                // an answer cut short by the deadline says less than the one before it
                if (!deadline.passed() || problem.equals("not ready")) {
                    problem = unhealthy;
                }
            } else if (spawned != null && !spawned.isAlive() && (settings.pidfile() == null || spawned.exitValue() != 0)) {
                return AgentResult.error(settings.argv().get(0) + " exited with code " + spawned.exitValue()
                        + " before it was ready" + (settings.logFile() != null ? " (see " + settings.logFile() + ")" : ""));
            } else {
                problem = settings.pidfile() != null ? "no live pid in " + settings.pidfile() : "not running";
            }
            Thread.sleep(deadline.cap(POLL).toMillis());
        }
    }

    @Override
    public synchronized AgentResult stop(Duration timeout) throws InterruptedException {
        Deadline deadline = Deadline.after(timeout);
        OptionalLong found = pid();
        if (found.isEmpty() && spawned != null && spawned.isAlive()) {
            found = OptionalLong.of(spawned.pid());
        }
        if (found.isEmpty()) {
            reapSpawned();
            return AgentResult.success(settings.argv().get(0) + " is not running");
        }
        long pid = found.getAsLong();
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
        Deadline term = Deadline.after(deadline.cap(settings.stopTimeout()));
        while (Pids.alive(pid) && !term.passed()) {
            Thread.sleep(term.cap(POLL).toMillis());
        }
        String how = "SIGTERM";
        if (Pids.alive(pid)) {
            ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            how = "SIGKILL after " + settings.stopTimeout().toMillis() + " ms";
            while (Pids.alive(pid) && !deadline.passed()) {
                Thread.sleep(deadline.cap(POLL).toMillis());
            }
            if (Pids.alive(pid)) {
                return new AgentResult(OcfStatus.TIMEOUT, "pid " + pid + " still lives after SIGKILL");
            }
            forgetPidfile(pid);
        }
        reapSpawned();
        return AgentResult.success("stopped pid " + pid + " (" + how + ")");
    }

    @Override
    public synchronized AgentResult monitor(Duration timeout) throws InterruptedException {
        Deadline deadline = Deadline.after(timeout);
        OptionalLong pid = pid();
        if (pid.isEmpty()) {
            return AgentResult.notRunning(settings.argv().get(0) + " is not running"
                    + (spawned != null && !spawned.isAlive() ? " (exited with code " + spawned.exitValue() + ")" : ""));
        }
        String unhealthy = health(deadline);
        return unhealthy == null ? AgentResult.success("pid " + pid.getAsLong() + " is running")
                : AgentResult.error("pid " + pid.getAsLong() + " runs but " + unhealthy);
    }

    /** The live pid of the resource: from the pid file when there is one, else the spawned process. */
    private OptionalLong pid() {
        if (settings.pidfile() != null) {
            OptionalLong pid = Pids.read(settings.pidfile());
            return pid.isPresent() && Pids.alive(pid.getAsLong()) ? pid : OptionalLong.empty();
        }
        return spawned != null && spawned.isAlive() ? OptionalLong.of(spawned.pid()) : OptionalLong.empty();
    }

    private AgentResult launch() {
        ProcessBuilder pb = new ProcessBuilder(settings.argv()).redirectInput(new File("/dev/null")).redirectErrorStream(true);
        pb.redirectOutput(settings.logFile() == null ? ProcessBuilder.Redirect.DISCARD
                : ProcessBuilder.Redirect.appendTo(settings.logFile().toFile()));
        try {
            spawned = pb.start();
            return null;
        } catch (IOException e) {
            return new AgentResult(OcfStatus.ERR_INSTALLED, "cannot run " + settings.argv().get(0) + ": " + e.getMessage());
        }
    }

    /** Null when healthy (or no health URL), else what is wrong. */
    private String health(Deadline deadline) throws InterruptedException {
        if (settings.healthUrl() == null) {
            return null;
        }
        Duration t = deadline.cap(HEALTH_TIMEOUT);
        if (t.toMillis() < 1) {
            t = Duration.ofMillis(1);
        }
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(settings.healthUrl()).timeout(t).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
            return r.statusCode() / 100 == 2 ? null : settings.healthUrl() + " answered " + r.statusCode();
        } catch (IOException e) {
            return settings.healthUrl() + " failed: " + e.getClass().getSimpleName();
        }
    }

    private void forgetPidfile(long pid) {
        // a pid file left by a killed process would name a recycled pid later
        if (settings.pidfile() != null && Pids.read(settings.pidfile()).orElse(-1) == pid) {
            try {
                Files.deleteIfExists(settings.pidfile());
            } catch (IOException ignored) {
                // monitor checks the pid's liveness anyway
            }
        }
    }

    private void reapSpawned() throws InterruptedException {
        if (spawned != null && !spawned.isAlive()) {
            spawned.waitFor();
            spawned = null;
        }
    }
}
