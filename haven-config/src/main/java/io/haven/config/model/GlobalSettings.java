package io.haven.config.model;

import java.util.List;

/**
 * The {@code global} section.
 *
 * @param maxconn process-wide connection limit; 0 means the default (HAProxy derives it from
 *     ulimit; Haven uses 100000)
 * @param nbthread number of event loops; 0 means one per CPU
 * @param hardStopAfterMs bound on how long an old generation may keep connections after a
 *     reload or a soft stop; 0 means unbounded (HAProxy's default)
 * @param graceMs {@code grace}: delay between a stop signal and closing the listeners
 * @param pidfile where to write the process id, or null
 * @param statsTimeoutMs idle timeout of runtime API sessions ({@code stats timeout}, default 10s)
 * @param node {@code node}: this node's name in the cluster, or null for the host name
 * @param bufsize {@code tune.bufsize}: the largest HTTP head accepted, in bytes
 * @param lua the Lua scripts to load and their limits ({@code lua-load}, {@code tune.lua.*})
 */
public record GlobalSettings(
        int maxconn,
        int nbthread,
        long hardStopAfterMs,
        long graceMs,
        String pidfile,
        long statsTimeoutMs,
        List<LogTarget> logs,
        List<StatsSocket> statsSockets,
        String node,
        int bufsize,
        LuaSettings lua) {
    public static final int DEFAULT_MAXCONN = 100_000;
    /** HAProxy's default {@code tune.bufsize}: it bounds an HTTP message's head. */
    public static final int DEFAULT_BUFSIZE = 16_384;

    public GlobalSettings {
        logs = List.copyOf(logs);
        statsSockets = List.copyOf(statsSockets);
    }

    public int effectiveMaxconn() {
        return maxconn > 0 ? maxconn : DEFAULT_MAXCONN;
    }
}
