package io.haven.lua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.config.SourceLocation;
import io.haven.config.model.LuaScript;
import io.haven.config.model.LuaSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** lua-load-per-thread: one independent state per event loop, core.thread 1..N; lua-load's is 0 and shared. */
class PerThreadStatesTest {
    private final LuaFixture lua = new LuaFixture();

    PerThreadStatesTest() throws Exception {
    }

    @AfterEach
    void close() throws Exception {
        lua.close();
    }

    @Test
    void eachLoopHasItsOwnStateAndGlobals() throws Exception {
        var shared = lua.script("shared.lua", "counter = 0\ncore.register_task(function() counter = counter + 1 core.Info('shared ' .. core.thread) end)\n");
        var per = lua.script("per.lua", "counter = (counter or 0) + 1\n"
                + "core.register_task(function() core.msleep(10) core.Info('per ' .. core.thread .. ' saw ' .. counter) end)\n");
        LuaSettings s = new LuaSettings(List.of(new LuaScript(shared.toString(), false, new SourceLocation("t.cfg", 2)),
                new LuaScript(per.toString(), true, new SourceLocation("t.cfg", 3))), List.of(), 0, 10000, 4000, 4000, 0);
        LuaRuntime rt = LuaRuntime.load(s, 2, lua.host);
        try {
            rt.start(lua.loops);
            await().atMost(Duration.ofSeconds(5)).until(() -> lua.logs.size() == 3);
            assertThat(lua.logs).containsExactlyInAnyOrder("info shared 0", "info per 1 saw 1", "info per 2 saw 1");
        } finally {
            rt.close();
        }
    }
}
