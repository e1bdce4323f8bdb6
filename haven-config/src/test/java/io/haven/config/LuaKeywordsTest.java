package io.haven.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.haven.config.model.LuaPath;
import io.haven.config.model.LuaScript;
import io.haven.config.model.LuaSettings;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Lua lines of the global section: scripts in order, paths, limits, HAProxy's defaults and errors. */
class LuaKeywordsTest {
    private static LuaSettings parse(String global) throws ConfigException {
        return new ConfigParser(Map.of()).parseText("t.cfg", "global\n" + global).global().lua();
    }

    @Test
    void defaultsAreHaproxys() throws ConfigException {
        LuaSettings lua = parse("  maxconn 10\n");
        assertThat(lua.enabled()).isFalse();
        assertThat(lua.forcedYield()).isEqualTo(10_000);
        assertThat(lua.sessionTimeoutMs()).isEqualTo(4_000);
        assertThat(lua.serviceTimeoutMs()).isEqualTo(4_000);
        assertThat(lua.taskTimeoutMs()).isZero();
        assertThat(lua.maxmemBytes()).isZero();
    }

    @Test
    void scriptsPathsAndLimitsAreKeptInOrder() throws ConfigException {
        LuaSettings lua = parse("""
                  lua-prepend-path /opt/lua/?.lua
                  lua-prepend-path /opt/lib/?.so cpath
                  lua-load a.lua
                  lua-load-per-thread b.lua
                  tune.lua.maxmem 64
                  tune.lua.forced-yield 500
                  tune.lua.session-timeout 2s
                  tune.lua.service-timeout 300ms
                  tune.lua.task-timeout 1m
                """);
        assertThat(lua.scripts()).extracting(LuaScript::file, LuaScript::perThread)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a.lua", false),
                        org.assertj.core.groups.Tuple.tuple("b.lua", true));
        assertThat(lua.scripts().get(1).location()).hasToString("t.cfg:5");
        assertThat(lua.paths()).containsExactly(new LuaPath("/opt/lua/?.lua", false), new LuaPath("/opt/lib/?.so", true));
        assertThat(lua.maxmemBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(lua.forcedYield()).isEqualTo(500);
        assertThat(lua.sessionTimeoutMs()).isEqualTo(2_000);
        assertThat(lua.serviceTimeoutMs()).isEqualTo(300);
        assertThat(lua.taskTimeoutMs()).isEqualTo(60_000);
    }

    @Test
    void badLinesNameFileLineAndKeyword() {
        assertError("  lua-load\n", "lua-load", "path of a Lua file");
        assertError("  lua-load a.lua b.lua\n", "lua-load", "path of a Lua file");
        assertError("  lua-prepend-path /x libpath\n", "lua-prepend-path", "'path' or 'cpath'");
        assertError("  tune.lua.maxmem lots\n", "tune.lua.maxmem", "invalid value 'lots'");
        assertError("  tune.lua.forced-yield 0\n", "tune.lua.forced-yield", "");
        assertError("  tune.lua.session-timeout 5x\n", "tune.lua.session-timeout", "time unit");
        assertError("  tune.lua.bool-sample-conversion normal\n", "tune.lua.bool-sample-conversion",
                "unknown keyword 'tune.lua.bool-sample-conversion'");
    }

    private static void assertError(String global, String keyword, String text) {
        ConfigException e = catchThrowableOfType(() -> parse(global), ConfigException.class);
        assertThat(e).as(global).isNotNull();
        assertThat(e.diagnostics()).hasSize(1);
        assertThat(e.diagnostics().get(0).location()).hasToString("t.cfg:2");
        assertThat(e.diagnostics().get(0).keyword()).isEqualTo(keyword);
        assertThat(e.diagnostics().get(0).message()).contains(text);
    }
}
