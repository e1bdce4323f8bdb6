package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** lua-load through the real program: init and tasks run and log; a bad script is a configuration error. */
class LuaScriptsTest {
    @TempDir
    Path dir;

    @Test
    void aTaskSleepsBetweenItsLogLinesWhileTheProxyServes() throws Exception {
        Path script = dir.resolve("ticks.lua");
        Files.writeString(script, """
                core.register_init(function() core.Info('init ran') end)
                core.register_task(function()
                  for i = 1, 3 do
                    core.Info('tick ' .. i)
                    core.msleep(200)
                  end
                  core.Warning('task done')
                end)
                """);
        int port = Net.freePort();
        Path cfg = dir.resolve("haven.cfg");
        Files.writeString(cfg, "global\n  lua-load " + script + "\n  log stdout format raw local0 info\n"
                + "listen l\n  bind 127.0.0.1:" + port + "\n  server s 127.0.0.1:1\n");
        try (HavenProcess haven = HavenProcess.start(dir, cfg, port)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> haven.stdout().contains("task done"));
            assertThat(haven.stdout()).containsSubsequence("init ran", "tick 1", "tick 2", "tick 3", "task done");
            assertThat(haven.stderr()).contains("tick 3").containsPattern("\\[WARN *\\] \\(\\d+\\) : task done");
            assertThat(Net.listening(port)).isTrue();
        }
    }

    @Test
    void aTaskErrorIsLoggedWithItsScriptLineAndTheProgramGoesOn() throws Exception {
        Path script = dir.resolve("fails.lua");
        Files.writeString(script, """
                core.register_task(function()
                  core.msleep(50)
                  error('broken on purpose')
                end)
                core.register_task(function() core.msleep(300) core.Info('survivor') end)
                """);
        int port = Net.freePort();
        Path cfg = dir.resolve("haven.cfg");
        Files.writeString(cfg, "global\n  lua-load " + script + "\n"
                + "listen l\n  bind 127.0.0.1:" + port + "\n  server s 127.0.0.1:1\n");
        try (HavenProcess haven = HavenProcess.start(dir, cfg, port)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> haven.stderr().contains("survivor"));
            assertThat(haven.stderr()).contains("Lua task: runtime error: " + script + ":3: broken on purpose.");
            assertThat(haven.isAlive()).isTrue();
        }
    }

    @Test
    void aBadScriptFailsTheCheckNamingTheConfigLineAndTheScriptLine() throws Exception {
        Path script = dir.resolve("bad.lua");
        Files.writeString(script, "core.register_task(function() end)\nlocal cfg = nil\nprint(cfg.missing)\n");
        Path cfg = dir.resolve("haven.cfg");
        Files.writeString(cfg, "global\n  lua-load " + script + "\nlisten l\n  bind 127.0.0.1:1\n  server s 127.0.0.1:2\n");
        HavenProcess.Result r = HavenProcess.run(dir, "-c", "-f", cfg.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("parsing [" + cfg + ":2] : 'lua-load' : error in Lua script '" + script + "': "
                + script + ":3: attempt to index a nil value (local 'cfg')");
        Files.writeString(script, "core.register_task(function() end)\n");
        HavenProcess.Result ok = HavenProcess.run(dir, "-c", "-f", cfg.toString());
        assertThat(ok.exitCode()).as(ok.stderr()).isZero();
    }
}
