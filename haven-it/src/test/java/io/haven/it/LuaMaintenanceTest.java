package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.HaproxyProcess;
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
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/lua/maintenance.lua: an HTTP service switched by a runtime API command serves a 503
 * page with Retry-After (HTML, or JSON on request) and a JSON status; the same requests and
 * commands get the same responses from Haven and from Debian's HAProxy running the same script.
 */
class LuaMaintenanceTest {
    private static final Path EXAMPLE = Path.of("../examples/lua/maintenance.lua").toAbsolutePath().normalize();
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final List<String> SHOWN = List.of("content-type", "cache-control", "retry-after", "content-length",
            "transfer-encoding");

    @TempDir
    Path dir;

    @Test
    void theMaintenancePageFollowsTheSwitch() throws Exception {
        List<String> haven = session(true);
        assertThat(haven.get(0)).isEqualTo("200 cache-control=no-store content-length=72 content-type=application/json\n"
                + "{\"maintenance\":false,\"retry_after\":120,\"reason\":\"Scheduled maintenance\"}");
        assertThat(haven.get(3)).startsWith("503 cache-control=no-store content-length=").contains("retry-after=30",
                "content-type=text/html; charset=utf-8", "<p>Upgrading the database &amp; cache</p>", "retry in 30 seconds");
        assertThat(haven.get(4)).contains("503 ", "content-type=application/json", "\"maintenance\":true");
        assertThat(haven.get(5)).as("HEAD: no body").startsWith("503 ").endsWith("\n");
        assertThat(haven.get(8)).startsWith("200 ").endsWith("in service\n");
    }

    @Test
    void haproxyAnswersTheSameRequestsAndCommandsTheSame() throws Exception {
        assertThat(HaproxyProcess.installed()).as("Debian's haproxy (apt-get install haproxy; .ci/run does)").isTrue();
        assertThat(session(true)).containsExactlyElementsOf(session(false));
    }

    /** The requests and commands of one run, each answer as "STATUS headers\nbody" or the command's reply. */
    private List<String> session(boolean haven) throws Exception {
        int port = Net.freePort();
        Path sock = dir.resolve((haven ? "haven" : "haproxy") + port + ".sock");
        Path cfg = dir.resolve("m" + port + ".cfg");
        Files.writeString(cfg, """
                global
                    lua-load %2$s
                    stats socket %3$s level admin
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 10s
                    timeout server 10s
                frontend www
                    bind 127.0.0.1:%1$d
                    http-request use-service lua.maintenance if { path /status }
                    http-request use-service lua.maintenance if { path_beg /shop }
                    http-request return status 200 content-type text/plain string "origin\\n"
                """.formatted(port, EXAMPLE, sock));
        List<String> out = new ArrayList<>();
        try (AutoCloseable p = haven ? HavenProcess.start(dir, cfg, port) : HaproxyProcess.start(dir, cfg, sock)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> Net.listening(port));
            out.add(http(port, "GET", "/status", null));
            out.add(http(port, "GET", "/shop/cart", null));
            out.add(StatsSocketClient.exchange(sock.toString(), "maintenance on 30 Upgrading the database & cache"));
            out.add(http(port, "GET", "/shop/cart", null));
            out.add(http(port, "GET", "/shop/cart", "application/json"));
            out.add(http(port, "HEAD", "/shop/cart", null));
            out.add(http(port, "GET", "/other", null));
            out.add(StatsSocketClient.exchange(sock.toString(), "maintenance off"));
            out.add(http(port, "GET", "/shop", null));
            out.add(StatsSocketClient.exchange(sock.toString(), "maintenance sideways"));
        }
        return out;
    }

    private static String http(int port, String method, String path, String accept) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (accept != null) {
            b.header("Accept", accept);
        }
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        StringBuilder s = new StringBuilder().append(r.statusCode());
        r.headers().map().entrySet().stream().filter(e -> SHOWN.contains(e.getKey().toLowerCase()))
                .sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> s.append(' ').append(e.getKey().toLowerCase()).append('=').append(String.join(",", e.getValue())));
        return s.append('\n').append(r.body()).toString();
    }
}
