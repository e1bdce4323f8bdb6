package io.haven.admin;

import io.haven.config.model.AccessLevel;
import io.haven.config.model.ProxyConfig;
import io.haven.core.Frontend;
import io.haven.core.Generation;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code show info}: HAProxy's {@code Name: value} lines, in HAProxy's order, with "Haven" as
 * the name. Fields whose value Haven does not know (memory pools, SSL, pipes, tasks) are left out
 * rather than printed as made-up numbers; the rate limits are 0 because Haven has none.
 */
final class ShowInfoCommand {
    private final Supplier<Generation> current;
    private final AdminHooks hooks;

    ShowInfoCommand(Supplier<Generation> current, AdminHooks hooks) {
        this.current = current;
        this.hooks = hooks;
    }

    void register(CommandTable t) {
        t.add(new CliCommand(List.of("show", "info"), "show info",
                "report information about the running process", AccessLevel.USER, (a, s) -> info()));
        t.add(new CliCommand(List.of("show", "version"), "show version",
                "show version of the current process", AccessLevel.USER, (a, s) -> hooks.info().version() + "\n"));
    }

    private String info() {
        ProcessInfo p = hooks.info();
        Generation g = current.get();
        long uptime = Math.max(0, Duration.between(p.started(), Instant.now()).toSeconds());
        long rate = 0;
        for (Frontend f : g.frontends()) {
            rate += f.counters().sessionRate.rate();
        }
        int listeners = g.config().global().statsSockets().size();
        for (ProxyConfig px : g.config().frontends()) {
            listeners += px.binds().size();
        }
        StringBuilder out = new StringBuilder();
        line(out, "Name", "Haven");
        line(out, "Version", p.version());
        line(out, "Release_date", p.releaseDate());
        line(out, "Nbthread", p.nbthread());
        line(out, "Nbproc", 1);
        line(out, "Process_num", 1);
        line(out, "Pid", p.pid());
        line(out, "Uptime", uptime(uptime));
        line(out, "Uptime_sec", uptime);
        long fds = maxFileDescriptors();
        if (fds > 0) {
            line(out, "Ulimit-n", fds);
        }
        line(out, "Maxconn", p.maxconn());
        line(out, "Hard_maxconn", p.maxconn()); // Haven cannot change maxconn at run time
        line(out, "CurrConns", p.currentConnections());
        line(out, "CumConns", p.cumulativeConnections());
        line(out, "ConnRate", rate); // in TCP mode every connection is one session
        line(out, "ConnRateLimit", 0);
        line(out, "SessRate", rate);
        line(out, "SessRateLimit", 0);
        line(out, "node", p.node());
        line(out, "Stopping", p.stopping() ? 1 : 0);
        line(out, "Listeners", listeners);
        line(out, "Start_time_sec", p.started().getEpochSecond());
        return out.toString();
    }

    /** HAProxy's uptime layout: {@code 0d 5h46m03s}. */
    static String uptime(long seconds) {
        return String.format("%dd %dh%02dm%02ds", seconds / 86_400, seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
    }

    private static void line(StringBuilder out, String name, Object value) {
        out.append(name).append(": ").append(value).append('\n');
    }

    private static long maxFileDescriptors() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            return unix.getMaxFileDescriptorCount();
        }
        return -1;
    }
}
