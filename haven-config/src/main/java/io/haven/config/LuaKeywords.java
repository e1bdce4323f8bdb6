package io.haven.config;

import io.haven.config.model.LuaPath;
import io.haven.config.model.LuaScript;
import io.haven.config.model.LuaSettings;
import java.util.ArrayList;
import java.util.List;

/**
 * The Lua keywords of the {@code global} section: {@code lua-load}, {@code lua-load-per-thread},
 * {@code lua-prepend-path} and the {@code tune.lua.*} limits. Scripts are only named here; they
 * are loaded (and their errors reported with this line) when the generation is built.
 */
final class LuaKeywords {
    private LuaKeywords() {
    }

    /** Mutable Lua settings while parsing. */
    static final class Builder {
        private final List<LuaScript> scripts = new ArrayList<>();
        private final List<LuaPath> paths = new ArrayList<>();
        private long maxmem;
        private int forcedYield = LuaSettings.DEFAULT_FORCED_YIELD;
        private long sessionTimeout = LuaSettings.DEFAULT_TIMEOUT_MS;
        private long serviceTimeout = LuaSettings.DEFAULT_TIMEOUT_MS;
        private long taskTimeout;

        LuaSettings build() {
            return new LuaSettings(scripts, paths, maxmem, forcedYield, sessionTimeout, serviceTimeout, taskTimeout);
        }
    }

    static void register(KeywordRegistry r) {
        r.global("lua-load", (line, g, ctx) -> g.lua.scripts.add(script(line, false)));
        r.global("lua-load-per-thread", (line, g, ctx) -> g.lua.scripts.add(script(line, true)));
        r.global("lua-prepend-path", (line, g, ctx) -> {
            if (line.size() < 2 || line.size() > 3) {
                throw new ConfigException(line.location(), line.keyword(),
                        "expects a path and optionally its type, 'path' (the default) or 'cpath'");
            }
            String type = line.size() == 3 ? line.word(2) : "path";
            if (!type.equals("path") && !type.equals("cpath")) {
                throw new ConfigException(line.location(), line.keyword(),
                        "type must be 'path' or 'cpath', not '" + type + "'");
            }
            g.lua.paths.add(new LuaPath(line.word(1), type.equals("cpath")));
        });
        r.global("tune.lua.maxmem", (line, g, ctx) -> {
            GlobalKeywords.expectArgs(line, 1);
            g.lua.maxmem = Values.integer(line, 1, 0, 1_048_576) * 1024L * 1024L;
        });
        r.global("tune.lua.forced-yield", (line, g, ctx) -> {
            GlobalKeywords.expectArgs(line, 1);
            g.lua.forcedYield = Values.integer(line, 1, 1, Integer.MAX_VALUE);
        });
        r.global("tune.lua.session-timeout", (line, g, ctx) -> {
            GlobalKeywords.expectArgs(line, 1);
            g.lua.sessionTimeout = Values.time(line, 1);
        });
        r.global("tune.lua.service-timeout", (line, g, ctx) -> {
            GlobalKeywords.expectArgs(line, 1);
            g.lua.serviceTimeout = Values.time(line, 1);
        });
        r.global("tune.lua.task-timeout", (line, g, ctx) -> {
            GlobalKeywords.expectArgs(line, 1);
            g.lua.taskTimeout = Values.time(line, 1);
        });
    }

    private static LuaScript script(Line line, boolean perThread) throws ConfigException {
        if (line.size() != 2) {
            throw new ConfigException(line.location(), line.keyword(), "expects the path of a Lua file");
        }
        return new LuaScript(line.word(1), perThread, line.location());
    }
}
