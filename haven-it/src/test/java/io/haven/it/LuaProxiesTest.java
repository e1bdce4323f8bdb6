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

/** core.proxies/frontends/backends with Proxy and Server objects: what a script reads and changes, seen by the runtime API. */
class LuaProxiesTest {
    @TempDir
    Path dir;

    @Test
    void aTaskReadsProxiesAndPutsAServerInMaintenanceWithANewWeight() throws Exception {
        Path script = dir.resolve("px.lua");
        Files.writeString(script, """
                core.register_task(function()
                  local be = core.backends["be"]
                  core.Info("cap=" .. be:get_cap() .. " mode=" .. be:get_mode() .. " listed=" .. tostring(core.frontends["be"] ~= nil))
                  local s1 = be.servers["s1"]
                  core.Info("s1 name=" .. s1.name .. " weight=" .. s1:get_weight() .. " addr=" .. s1:get_addr())
                  s1:set_weight("42")
                  s1:set_maint()
                  core.Info("after status=" .. s1:get_stats().status .. " weight=" .. s1:get_weight())
                  core.Info("fe=" .. core.frontends["fe"]:get_stats().svname .. " cap=" .. core.proxies["fe"]:get_cap())
                end)
                """);
        int port = Net.freePort();
        int srv = Net.freePort();
        Path sock = dir.resolve("s.sock");
        Path cfg = dir.resolve("p.cfg");
        Files.writeString(cfg, "global\n  lua-load " + script + "\n  stats socket " + sock + " level admin\n"
                + "frontend fe\n  bind 127.0.0.1:" + port + "\n  default_backend be\n"
                + "backend be\n  server s1 127.0.0.1:" + srv + " weight 10\n  server s2 127.0.0.1:" + srv + "\n");
        try (HavenProcess h = HavenProcess.start(dir, cfg, port)) {
            await().atMost(Duration.ofSeconds(15)).until(() -> h.stderr().contains("fe=FRONTEND"));
            assertThat(h.stderr()).contains("cap=backend mode=tcp listed=false", "s1 name=s1 weight=10 addr=127.0.0.1:" + srv,
                    "after status=MAINT weight=42", "fe=FRONTEND cap=frontend");
            assertThat(StatsSocketClient.exchange(sock.toString(), "get weight be/s1")).startsWith("42 (initial 10)");
            assertThat(StatsSocketClient.exchange(sock.toString(), "show stat")).containsPattern("be,s1,.*MAINT");
        }
    }
}
