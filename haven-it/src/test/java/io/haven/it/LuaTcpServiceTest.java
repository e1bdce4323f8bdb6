package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.HaproxyProcess;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/lua/line-service.lua: a TCP service served by Haven itself ({@code tcp-request content
 * use-service lua.lines}) answers real clients, the same way Debian's HAProxy does with the same script.
 */
class LuaTcpServiceTest {
    private static final Path EXAMPLE = Path.of("../examples/lua/line-service.lua").toAbsolutePath().normalize();
    private static final List<String> SESSION = List.of("hello haven", "upper make it loud", "sum 1 2 39", "sum 1 x",
            "frobnicate", "count", "quit");

    @TempDir
    Path dir;

    @Test
    void theLineServiceAnswersEveryCommandThenClosesAsHaproxyDoes() throws Exception {
        List<String> haven = session(true);
        assertThat(haven).containsExactly("READY", "HI haven", "MAKE IT LOUD", "SUM 42", "ERR not a number: x",
                "ERR unknown command 'FROBNICATE'", "COUNT 6", "BYE", "<closed>");
        assertThat(HaproxyProcess.installed()).as("Debian's haproxy (apt-get install haproxy; .ci/run does)").isTrue();
        assertThat(haven).containsExactlyElementsOf(session(false));
    }

    @Test
    void connectionsAreServedConcurrentlyAndAClientClosingEndsOnlyItsOwn() throws Exception {
        int port = Net.freePort();
        Path cfg = config(port, dir.resolve("h.sock"));
        try (HavenProcess h = HavenProcess.start(dir, cfg, port);
             Socket a = new Socket("127.0.0.1", port); Socket b = new Socket("127.0.0.1", port)) {
            BufferedReader ra = reader(a);
            BufferedReader rb = reader(b);
            assertThat(ra.readLine()).isEqualTo("READY");
            assertThat(rb.readLine()).isEqualTo("READY");
            a.getOutputStream().write("hello a\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(ra.readLine()).isEqualTo("HI a");
            a.close();
            b.getOutputStream().write("upper b\r\n".getBytes(StandardCharsets.US_ASCII));
            assertThat(rb.readLine()).isEqualTo("B");
        }
    }

    @Test
    void anErrorInTheServiceIsLoggedAndClosesThatConnectionOnly() throws Exception {
        Path script = dir.resolve("broken.lua");
        Files.writeString(script, """
                core.register_service("broken", "tcp", function(applet)
                  local line = applet:getline()
                  if line:find("boom") then error("asked to fail") end
                  applet:send("ok " .. line)
                end)
                """);
        int port = Net.freePort();
        Path cfg = dir.resolve("b.cfg");
        Files.writeString(cfg, "global\n  lua-load " + script + "\ndefaults\n  timeout client 5s\n"
                + "frontend f\n  bind 127.0.0.1:" + port + "\n  tcp-request content use-service lua.broken\n");
        try (HavenProcess h = HavenProcess.start(dir, cfg, port)) {
            assertThat(exchange(port, "boom\n")).isEmpty();
            await().atMost(Duration.ofSeconds(5)).until(() -> h.stderr().contains(
                    "Lua applet tcp '<lua.broken>': runtime error: " + script + ":3: asked to fail."));
            assertThat(exchange(port, "fine\n")).isEqualTo("ok fine\n");
        }
    }

    @Test
    void anUnknownServiceIsAConfigError() throws Exception {
        Path cfg = dir.resolve("u.cfg");
        Files.writeString(cfg, "frontend f\n  bind 127.0.0.1:1\n  tcp-request content use-service lua.nothing\n");
        HavenProcess.Result r = HavenProcess.run(dir, "-c", "-f", cfg.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("parsing [" + cfg + ":3] : 'tcp-request content use-service' : unknown service 'lua.nothing'");
    }

    private List<String> session(boolean haven) throws Exception {
        int port = Net.freePort();
        Path sock = dir.resolve((haven ? "haven" : "haproxy") + port + ".sock");
        Path cfg = config(port, sock);
        try (AutoCloseable p = haven ? HavenProcess.start(dir, cfg, port) : HaproxyProcess.start(dir, cfg, sock)) {
            if (!haven) {
                await().atMost(Duration.ofSeconds(10)).until(() -> Net.listening(port));
            }
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setSoTimeout(10_000);
                BufferedReader in = reader(s);
                OutputStream out = s.getOutputStream();
                List<String> seen = new ArrayList<>();
                seen.add(in.readLine());
                for (String cmd : SESSION) {
                    out.write((cmd + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    seen.add(in.readLine());
                }
                seen.add(in.readLine() == null ? "<closed>" : "<still open>");
                return seen;
            }
        }
    }

    private Path config(int port, Path sock) throws Exception {
        Path cfg = dir.resolve("lines" + port + ".cfg");
        Files.writeString(cfg, "global\n  lua-load " + EXAMPLE + "\n  stats socket " + sock + "\n"
                + "defaults\n  mode tcp\n  timeout client 10s\n  timeout connect 1s\n  timeout server 10s\n"
                + "frontend lines\n  bind 127.0.0.1:" + port + "\n  tcp-request content use-service lua.lines\n");
        return cfg;
    }

    private static BufferedReader reader(Socket s) throws Exception {
        s.setSoTimeout(10_000);
        return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
    }

    private static String exchange(int port, String send) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(send.getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
