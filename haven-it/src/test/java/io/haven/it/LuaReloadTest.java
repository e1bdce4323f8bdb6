package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import io.haven.it.support.StatsSocketClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reload loads the scripts again: a broken one changes nothing; a good one replaces the tasks and cli commands. */
class LuaReloadTest {
    @TempDir
    Path dir;

    private static String script(String gen) {
        return "core.register_task(function() while true do core.Info('tick " + gen + "') core.msleep(50) end end)\n"
                + "core.register_cli({'which'}, 'which : the script generation', function(applet) applet:send('" + gen + "\\n') end)\n";
    }

    @Test
    void aReloadSwapsTasksAndCommandsAndABrokenScriptKeepsTheOldOnes() throws Exception {
        Path script = dir.resolve("gen.lua");
        Files.writeString(script, script("A"));
        int port = Net.freePort();
        Path sock = dir.resolve("r.sock");
        Path cfg = dir.resolve("r.cfg");
        Files.writeString(cfg, "global\n  lua-load " + script + "\n  stats socket " + sock + " level admin\n"
                + "listen l\n  bind 127.0.0.1:" + port + "\n  server s 127.0.0.1:1\n");
        try (HavenProcess h = HavenProcess.start(dir, cfg, port)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> h.stderr().contains("tick A"));
            assertThat(StatsSocketClient.exchange(sock.toString(), "which")).isEqualTo("A\n\n");

            Files.writeString(script, "core.register_task(function() end)\nthis is not lua\n");
            String failed = StatsSocketClient.exchange(sock.toString(), "reload");
            assertThat(failed).contains("Success=0", "'lua-load'", script + ":2:");
            assertThat(StatsSocketClient.exchange(sock.toString(), "which")).isEqualTo("A\n\n");

            Files.writeString(script, script("B"));
            assertThat(StatsSocketClient.exchange(sock.toString(), "reload")).contains("Success=1");
            assertThat(StatsSocketClient.exchange(sock.toString(), "which")).isEqualTo("B\n\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> h.stderr().contains("tick B"));
            int aTicks = count(h.stderr(), "tick A");
            // the old task stops at its next wake-up: at most one more tick, then none
            await().during(Duration.ofMillis(400)).atMost(Duration.ofSeconds(3))
                    .until(() -> count(h.stderr(), "tick A") <= aTicks + 1);
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
