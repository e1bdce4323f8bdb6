package io.haven.config.model;

import java.util.List;

/**
 * The Lua lines of the {@code global} section: the scripts to load and the limits their code runs
 * under. Defaults are HAProxy's.
 *
 * @param scripts {@code lua-load} and {@code lua-load-per-thread} lines, in file order
 * @param paths {@code lua-prepend-path} lines, in file order (each one is prepended, so the last one is searched first)
 * @param maxmemBytes {@code tune.lua.maxmem} (given in megabytes); 0, the default, is unlimited
 * @param forcedYield {@code tune.lua.forced-yield}: instructions between two checks of a
 *     coroutine's limits; default {@value #DEFAULT_FORCED_YIELD}
 * @param sessionTimeoutMs {@code tune.lua.session-timeout}: Lua run time allowed to actions,
 *     fetches and converters of one stream; default {@value #DEFAULT_TIMEOUT_MS} ms
 * @param serviceTimeoutMs {@code tune.lua.service-timeout}: the same for services (applets);
 *     default {@value #DEFAULT_TIMEOUT_MS} ms
 * @param taskTimeoutMs {@code tune.lua.task-timeout}: the same for tasks (and cli commands); 0,
 *     the default, is unlimited
 */
public record LuaSettings(List<LuaScript> scripts, List<LuaPath> paths, long maxmemBytes, int forcedYield,
                          long sessionTimeoutMs, long serviceTimeoutMs, long taskTimeoutMs) {
    public static final int DEFAULT_FORCED_YIELD = 10_000;
    public static final long DEFAULT_TIMEOUT_MS = 4_000;
    /** No script, HAProxy's defaults. */
    public static final LuaSettings NONE = new LuaSettings(List.of(), List.of(), 0, DEFAULT_FORCED_YIELD,
            DEFAULT_TIMEOUT_MS, DEFAULT_TIMEOUT_MS, 0);

    public LuaSettings {
        scripts = List.copyOf(scripts);
        paths = List.copyOf(paths);
    }

    public boolean enabled() {
        return !scripts.isEmpty();
    }
}
