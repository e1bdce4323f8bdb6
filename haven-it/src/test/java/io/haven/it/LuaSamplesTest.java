package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import io.haven.it.support.StatsSocketClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * lua.NAME fetches and converters in ACLs, rules and log-format through the real program; maps
 * shared by a Lua task, the configuration's map() converter and the runtime API; lua.NAME
 * errors at configuration load.
 */
class LuaSamplesTest {
    @TempDir
    Path dir;
    static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static HttpResponse<String> get(int port, String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void fetchesAndConvertersWorkInAclsRulesAndTheLogAndMapsAreShared() throws Exception {
        Path map = Files.writeString(dir.resolve("colors.map"), "red stop\n");
        Path script = Files.writeString(dir.resolve("samples.lua"), """
                core.register_fetches("shout", function(txn, suffix) return txn.f:path():upper() .. (suffix or "") end)
                core.register_fetches("broken", function(txn) error("no sample here") end)
                core.register_converters("brackets", function(s, l) return (l or "[") .. s .. "]" end)
                core.register_task(function()
                  core.set_map("%s", "green", "go")
                  core.Info("map ready")
                end)
                """.formatted(map));
        int port = Net.freePort();
        Path sock = dir.resolve("s.sock");
        Path cfg = Files.writeString(dir.resolve("samples.cfg"), """
                global
                    lua-load %2$s
                    log stdout format raw local0 info
                    stats socket %4$s level admin
                defaults
                    mode http
                    log global
                    log-format "samples %%[lua.shout(!)] %%[lua.broken] %%ST"
                    timeout client 5s
                frontend fe
                    bind 127.0.0.1:%1$d
                    acl loud lua.shout -m end /LOUD
                    http-request return status 200 content-type text/plain lf-string "loud %%[path,lua.brackets(<)]" if loud
                    http-request return status 200 content-type text/plain lf-string "color %%[req.hdr(x-color),map(%3$s,unknown)]"
                """.formatted(port, script, map, sock));
        try (HavenProcess haven = HavenProcess.start(dir, cfg, port)) {
            HttpResponse<String> loud = get(port, "/very/loud");
            assertThat(loud.body()).isEqualTo("loud <" + "/very/loud]");
            await().atMost(Duration.ofSeconds(5)).until(() -> haven.stdout().contains("map ready"));
            assertThat(get(port, "/q", "X-Color", "green").body()).as("the task's set_map, seen by map()").isEqualTo("color go");
            assertThat(get(port, "/q", "X-Color", "red").body()).isEqualTo("color stop");
            StatsSocketClient.exchange(sock.toString(), "set map " + map + " red halt");
            assertThat(get(port, "/q", "X-Color", "red").body()).as("the runtime API's change").isEqualTo("color halt");
            await().atMost(Duration.ofSeconds(5)).until(() -> haven.stdout().contains("samples /VERY/LOUD! - 200"));
            assertThat(haven.stderr()).contains("Lua sample-fetch 'broken': runtime error: " + script + ":2: no sample here.");
        }
    }

    @Test
    void unknownLuaNamesAndWrongArgumentCountsAreConfigErrorsWithTheirLines() throws Exception {
        Path script = Files.writeString(dir.resolve("two.lua"),
                "core.register_action('two', { 'http-req' }, function(txn, a, b) end, 2)\n");
        Path cfg = Files.writeString(dir.resolve("bad.cfg"), """
                global
                    lua-load %s
                frontend fe
                    mode http
                    bind 127.0.0.1:1
                    http-request lua.two onlyone
                    http-response lua.two a b
                    http-request lua.missing
                    http-request set-header X %%[lua.nofetch]
                    acl a req.hdr(host),lua.noconv -m found
                """.formatted(script));
        HavenProcess.Result r = HavenProcess.run(dir, "-c", "-f", cfg.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr())
                .contains("parsing [" + cfg + ":6] : 'http-request lua.two' : 'lua.two' expects 2 arguments, got 1")
                .contains("parsing [" + cfg + ":7] : 'http-response lua.two' : Lua action 'two' is registered for http-req, not for http-res")
                .contains("parsing [" + cfg + ":8] : 'http-request lua.missing' : unknown action 'lua.missing'")
                .contains("parsing [" + cfg + ":9] : 'lua.nofetch' : unknown fetch method 'lua.nofetch'")
                .contains("parsing [" + cfg + ":10] : 'lua.noconv' : unknown converter 'lua.noconv'");
        Path noLua = Files.writeString(dir.resolve("nolua.cfg"), "frontend fe\n  mode http\n  bind 127.0.0.1:1\n  http-request lua.x\n");
        HavenProcess.Result n = HavenProcess.run(dir, "-c", "-f", noLua.toString());
        assertThat(n.stderr()).contains("parsing [" + noLua + ":4] : 'http-request lua.x' : unknown action 'lua.x': no Lua script is loaded (lua-load)");
    }
}
