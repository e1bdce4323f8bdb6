package io.haven.lua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.config.model.LuaSettings;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Tasks run as coroutines on the event loops: they sleep without blocking, and fail alone. */
class TasksTest {
    private final LuaFixture lua = new LuaFixture();

    TasksTest() throws Exception {
    }

    @AfterEach
    void close() throws Exception {
        lua.close();
    }

    @Test
    void initRunsBeforeTasksAndTasksSleepAndLog() throws Exception {
        lua.start("""
                core.register_init(function() core.Info('init') end)
                core.register_task(function()
                  for i = 1, 3 do core.Info('tick ' .. i) core.msleep(20) end
                end)
                """);
        await().atMost(Duration.ofSeconds(5)).until(() -> lua.logs.size() == 4);
        assertThat(lua.logs).containsExactly("info init", "info tick 1", "info tick 2", "info tick 3");
    }

    @Test
    void aSleepingTaskDoesNotHoldItsLoop() throws Exception {
        // one loop would be blocked for 10 s if sleep blocked; the other tasks on it still run at once
        lua.start("""
                core.register_task(function() core.sleep(10) core.Info('late') end)
                core.register_task(function() core.sleep(10) core.Info('late') end)
                core.register_task(function() core.yield() core.Info('a') end)
                core.register_task(function() core.msleep(1) core.Info('b') end)
                """);
        await().atMost(Duration.ofSeconds(3)).until(() -> lua.logs.size() == 2);
        assertThat(lua.logs).containsExactlyInAnyOrder("info a", "info b");
    }

    @Test
    void anErrorEndsItsTaskOnlyAndNamesTheScriptLine() throws Exception {
        lua.start("""
                core.register_task(function() core.msleep(5) local t = nil; t.x = 1 end)
                core.register_task(function() for i = 1, 3 do core.msleep(20) core.Info('alive ' .. i) end end)
                """);
        await().atMost(Duration.ofSeconds(5)).until(() -> lua.logs.contains("info alive 3"));
        assertThat(lua.logs).anyMatch(l -> l.matches("err Lua task: runtime error: .*s0\\.lua:1: attempt to index a nil value \\(local 't'\\)\\."));
    }

    @Test
    void aTaskOverItsTimeoutIsStoppedEvenInsidePcallAndTheOthersGoOn() throws Exception {
        LuaSettings limits = new LuaSettings(List.of(), List.of(), 0, 1000, 4000, 4000, 200);
        LuaRuntime rt = lua.load("""
                core.register_task(function() while true do pcall(function() local x = 0 for i = 1, 1e6 do x = x + i end end) end end)
                core.register_task(function() for i = 1, 5 do core.msleep(100) core.Info('alive ' .. i) end end)
                """, limits);
        rt.start(lua.loops);
        await().atMost(Duration.ofSeconds(10)).until(() -> lua.logs.contains("info alive 5"));
        assertThat(lua.logs).contains("err Lua task: execution timeout.");
    }

    @Test
    void sleepingIsNotCountedAgainstTheTimeout() throws Exception {
        LuaSettings limits = new LuaSettings(List.of(), List.of(), 0, 1000, 4000, 4000, 100);
        LuaRuntime rt = lua.load("core.register_task(function() core.msleep(300) core.Info('woke') end)", limits);
        rt.start(lua.loops);
        await().atMost(Duration.ofSeconds(5)).until(() -> lua.logs.contains("info woke"));
        assertThat(lua.logs).containsExactly("info woke");
    }

    @Test
    void aTaskOverMaxmemIsStopped() throws Exception {
        LuaSettings limits = new LuaSettings(List.of(), List.of(), 8L * 1024 * 1024, 1000, 4000, 4000, 0);
        LuaRuntime rt = lua.load("""
                core.register_task(function() local t = {} for i = 1, 1e8 do t[i] = ('x'):rep(64) .. i end end)
                core.register_task(function() core.msleep(300) core.Info('still here') end)
                """, limits);
        rt.start(lua.loops);
        await().atMost(Duration.ofSeconds(10)).until(() -> lua.logs.contains("info still here"));
        assertThat(lua.logs).contains("err Lua task: not enough memory.");
    }

    @Test
    void registerTaskFromATaskStartsItAtOnceAndCoreDoneEndsATask() throws Exception {
        lua.start("""
                core.register_task(function()
                  core.register_task(function() core.Info('child') core.done() core.Info('never') end)
                  core.msleep(50)
                  core.Info('parent')
                end)
                """);
        await().atMost(Duration.ofSeconds(5)).until(() -> lua.logs.size() == 2);
        assertThat(lua.logs).containsExactly("info child", "info parent");
    }

    @Test
    void closingTheRuntimeStopsItsTasks() throws Exception {
        LuaRuntime rt = lua.start("core.register_task(function() while true do core.msleep(20) core.Info('tick') end end)");
        await().atMost(Duration.ofSeconds(5)).until(() -> lua.logs.size() >= 2);
        rt.close();
        int seen = lua.logs.size();
        // a last tick may already be running; after it, nothing more
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> lua.logs.size() <= seen + 1);
    }
}
