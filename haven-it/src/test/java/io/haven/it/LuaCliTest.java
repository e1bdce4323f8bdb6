package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.it.support.HaproxyProcess;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import io.haven.it.support.StatsSocketClient;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** core.register_cli commands answer on the stats socket, as HAProxy's do (compared with the real one). */
class LuaCliTest {
    private static final String SCRIPT = """
            core.register_cli({"greet"}, "greet [<name>] : say hello", function(applet, word, name)
              core.msleep(10)
              local c = core.concat()
              c:add("hello ")
              c:add(name or "nobody")
              c:add(" from " .. word .. "\\n")
              applet:send(c:dump())
            end)
            core.register_cli({"show", "words"}, "show words : list the arguments", function(applet, ...)
              local args = {...}
              applet:send(#args .. ":" .. table.concat(args, ",") .. "\\n")
              for _, t in ipairs(core.tokenize("a b,c", " ,")) do applet:send("[" .. t .. "]") end
              applet:send("\\n")
            end)
            """;
    private static final String[] COMMANDS = {"greet", "greet world", "show words x y"};

    @TempDir
    Path dir;

    @Test
    void luaCommandsAnswerOnTheStatsSocketLikeHaproxys() throws Exception {
        Path script = dir.resolve("cli.lua");
        Files.writeString(script, SCRIPT);
        String[] haven = answers(script, "haven.sock", true);
        assertThat(haven[0]).isEqualTo("hello nobody from greet\n\n");
        assertThat(haven[1]).isEqualTo("hello world from greet\n\n");
        assertThat(haven[2]).isEqualTo("4:show,words,x,y\n[a][b][c]\n\n");
        assertThat(HaproxyProcess.installed()).as("Debian's haproxy (apt-get install haproxy; .ci/run does)").isTrue();
        String[] haproxy = answers(script, "haproxy.sock", false);
        assertThat(haven).containsExactly(haproxy);
    }

    @Test
    void theHelpListsLuaCommandsWithTheirUsage() throws Exception {
        Path script = dir.resolve("cli.lua");
        Files.writeString(script, SCRIPT);
        Path sock = dir.resolve("h.sock");
        int port = Net.freePort();
        Path cfg = config(script, sock, port);
        try (HavenProcess h = HavenProcess.start(dir, cfg, port)) {
            assertThat(StatsSocketClient.exchange(sock.toString(), "help")).contains("greet [<name>] : say hello");
        }
    }

    private String[] answers(Path script, String socketName, boolean haven) throws Exception {
        Path sock = dir.resolve(socketName);
        int port = Net.freePort();
        Path cfg = config(script, sock, port);
        String[] out = new String[COMMANDS.length];
        try (AutoCloseable p = haven ? HavenProcess.start(dir, cfg, port) : HaproxyProcess.start(dir, cfg, sock)) {
            for (int i = 0; i < COMMANDS.length; i++) {
                out[i] = StatsSocketClient.exchange(sock.toString(), COMMANDS[i]);
            }
        }
        return out;
    }

    private Path config(Path script, Path sock, int port) throws Exception {
        Path cfg = dir.resolve("c" + port + ".cfg");
        Files.writeString(cfg, "global\n  lua-load " + script + "\n  stats socket " + sock + " level admin\n"
                + "defaults\n  timeout connect 1s\n  timeout client 5s\n  timeout server 5s\n"
                + "listen l\n  bind 127.0.0.1:" + port + "\n  server s 127.0.0.1:1\n");
        return cfg;
    }
}
