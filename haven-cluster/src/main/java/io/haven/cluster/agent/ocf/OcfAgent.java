package io.haven.cluster.agent.ocf;

import io.haven.cluster.agent.AgentParams;
import io.haven.cluster.agent.AgentResult;
import io.haven.cluster.agent.CommandResult;
import io.haven.cluster.agent.CommandRunner;
import io.haven.cluster.agent.OcfStatus;
import io.haven.cluster.agent.ResourceAgent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * {@code ocf}: runs an OCF resource agent script as Pacemaker does. Params: {@code agent}
 * ({@code heartbeat:IPaddr2}, {@code ocf:heartbeat:IPaddr2} or an absolute path), {@code ocf-root}
 * (default {@code /usr/lib/ocf}), {@code monitor-interval} (what a recurring monitor reports in
 * {@code OCF_RESKEY_CRM_meta_interval}, default 10s); every other param reaches the script as
 * {@code OCF_RESKEY_name=value}. The script's exit code is the result
 * ({@link OcfStatus#ofExitCode}); at the action's timeout its whole process tree is killed and the
 * result is TIMEOUT. A script that is missing or not executable is ERR_INSTALLED.
 */
public final class OcfAgent implements ResourceAgent {
    /** Pacemaker's OCF_ROOT. */
    public static final Path DEFAULT_OCF_ROOT = Path.of("/usr/lib/ocf");
    private static final Pattern SHELL_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final String resourceId;
    private final OcfScript script;
    private final Path ocfRoot;
    private final Duration monitorInterval;
    private final Map<String, String> reskeys;
    private final CommandRunner runner;

    private OcfAgent(String resourceId, OcfScript script, Path ocfRoot, Duration monitorInterval,
                     Map<String, String> reskeys, CommandRunner runner) {
        this.resourceId = resourceId;
        this.script = script;
        this.ocfRoot = ocfRoot;
        this.monitorInterval = monitorInterval;
        this.reskeys = reskeys;
        this.runner = runner;
    }

    /** Builds the agent from its params; the script runs through {@code runner}. */
    public static OcfAgent create(AgentParams params, CommandRunner runner) {
        Path root = Path.of(params.get("ocf-root", DEFAULT_OCF_ROOT.toString()));
        OcfScript script = OcfScript.of(params, root);
        Duration interval = params.duration("monitor-interval", Duration.ofSeconds(10));
        Map<String, String> reskeys = new LinkedHashMap<>();
        params.unread().forEach((name, value) -> {
            if (!SHELL_NAME.matcher(name).matches()) {
                throw params.invalid(name, "OCF parameter names are shell variable names (letters, digits, _)");
            }
            reskeys.put(name, value);
        });
        return new OcfAgent(params.resourceId(), script, root, interval, Map.copyOf(reskeys), runner);
    }

    @Override
    public AgentResult start(Duration timeout) throws InterruptedException {
        return run("start", timeout, Duration.ZERO);
    }

    @Override
    public AgentResult stop(Duration timeout) throws InterruptedException {
        return run("stop", timeout, Duration.ZERO);
    }

    /** A recurring monitor: {@code OCF_RESKEY_CRM_meta_interval} is the {@code monitor-interval}. */
    @Override
    public AgentResult monitor(Duration timeout) throws InterruptedException {
        return run("monitor", timeout, monitorInterval);
    }

    /** A probe: a one-off monitor (interval 0), which OCF agents may answer more leniently. */
    public AgentResult probe(Duration timeout) throws InterruptedException {
        return run("monitor", timeout, Duration.ZERO);
    }

    /** The {@code validate-all} action: are the params right for this node? */
    public AgentResult validate(Duration timeout) throws InterruptedException {
        return run("validate-all", timeout, Duration.ZERO);
    }

    private AgentResult run(String action, Duration timeout, Duration interval) throws InterruptedException {
        if (!Files.isRegularFile(script.path()) || !Files.isExecutable(script.path())) {
            return new AgentResult(OcfStatus.ERR_INSTALLED, "OCF agent " + script + " is not installed: "
                    + script.path() + (Files.exists(script.path()) ? " is not executable" : " does not exist"));
        }
        CommandResult r = runner.run(List.of(script.path().toString(), action), environment(timeout, interval), timeout);
        String what = "ocf " + script + " " + action;
        if (r.timedOut()) {
            return new AgentResult(OcfStatus.TIMEOUT, what + " did not finish within " + timeout.toMillis()
                    + " ms and was killed" + tail(r));
        }
        OcfStatus status = OcfStatus.ofExitCode(r.exitCode());
        return new AgentResult(status, what + ": exit " + r.exitCode() + " (" + status.name().toLowerCase() + ")" + tail(r));
    }

    private Map<String, String> environment(Duration timeout, Duration interval) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("OCF_ROOT", ocfRoot.toString());
        env.put("OCF_FUNCTIONS_DIR", ocfRoot.resolve("lib/heartbeat").toString());
        env.put("OCF_RA_VERSION_MAJOR", "1");
        env.put("OCF_RA_VERSION_MINOR", "1");
        env.put("OCF_RESOURCE_INSTANCE", resourceId);
        env.put("OCF_RESOURCE_TYPE", script.type());
        env.put("OCF_RESOURCE_PROVIDER", script.provider());
        env.put("OCF_RESKEY_CRM_meta_timeout", Long.toString(timeout.toMillis()));
        env.put("OCF_RESKEY_CRM_meta_interval", Long.toString(interval.toMillis()));
        // scripts call ip, findif, send_arp ... from the sbin directories
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        env.put("PATH", path.contains("/usr/sbin") ? path : "/usr/local/sbin:/usr/sbin:/sbin:" + path);
        reskeys.forEach((k, v) -> env.put("OCF_RESKEY_" + k, v));
        return env;
    }

    /** The script's own explanation: its {@code ocf-exit-reason:} line, else its last output line. */
    private static String tail(CommandResult r) {
        String reason = null;
        for (String line : r.output().split("\n")) {
            int at = line.indexOf("ocf-exit-reason:");
            if (at >= 0) {
                reason = line.substring(at + "ocf-exit-reason:".length()).strip();
            }
        }
        String last = reason != null ? reason : r.lastLine();
        return last.isEmpty() ? "" : ": " + last;
    }
}
