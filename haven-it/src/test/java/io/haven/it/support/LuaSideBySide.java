package io.haven.it.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs one Lua script and the same frontend rules on Haven or on Debian's HAProxy, in front of an
 * {@link OriginServer}, sends the same requests one after the other, each on a new connection
 * (what one request does cannot change the next one's fate), and describes what came
 * back: status, chosen response headers, the body of replies the proxy made itself, and the
 * chosen lines of what the origin received (header names in lower case: HAProxy sends them so).
 */
public final class LuaSideBySide {
    private LuaSideBySide() {
    }

    /** A request to send; only its method, path, query and headers are used. */
    public static HttpRequest.Builder req(String method, String pathAndQuery, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://x" + pathAndQuery)).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (headers.length > 0) {
            b.headers(headers);
        }
        return b;
    }

    public static List<String> run(Path dir, boolean haven, Path script, String rules, List<HttpRequest.Builder> requests,
                                   List<String> responseHeaders, List<String> originLines) throws Exception {
        try (OriginServer origin = new OriginServer()) {
            int port = Net.freePort();
            Path sock = dir.resolve((haven ? "haven" : "haproxy") + port + ".sock");
            Path cfg = Files.writeString(dir.resolve("side" + port + ".cfg"), """
                    global
                        lua-load %s
                        stats socket %s
                    defaults
                        mode http
                        timeout connect 1s
                        timeout client 10s
                        timeout server 10s
                    frontend fe
                        bind 127.0.0.1:%d
                    %s
                        default_backend be
                    backend be
                        server o 127.0.0.1:%d
                    """.formatted(script, sock, port, rules, origin.port()));
            try (AutoCloseable p = haven ? HavenProcess.start(dir, cfg, port) : HaproxyProcess.start(dir, cfg, sock)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> Net.listening(port));
                List<String> seen = new ArrayList<>();
                for (HttpRequest.Builder b : requests) {
                    URI u = b.build().uri();
                    HttpRequest r = b.uri(URI.create("http://127.0.0.1:" + port + u.getRawPath()
                            + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()))).build();
                    int before = origin.heads().size();
                    HttpResponse<String> res;
                    try {
                        res = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                                .send(r, HttpResponse.BodyHandlers.ofString());
                    } catch (IOException e) {
                        seen.add(r.method() + " " + u.getRawPath() + " -> closed without a response");
                        continue;
                    }
                    StringBuilder line = new StringBuilder(r.method() + " " + u.getRawPath() + " -> " + res.statusCode());
                    for (String h : responseHeaders) {
                        line.append(" ").append(h).append("=").append(res.headers().allValues(h));
                    }
                    boolean local = origin.heads().size() == before;
                    line.append(local ? " body=" + res.body() : " from-origin");
                    seen.add(line.toString());
                }
                seen.add("origin saw " + origin.heads().stream().map(h -> h.lines()
                        .map(l -> l.contains(": ") ? l.substring(0, l.indexOf(':')).toLowerCase(Locale.ROOT)
                                + l.substring(l.indexOf(':')) : l)
                        .filter(l -> originLines.stream().anyMatch(l::startsWith)).toList()).toList());
                return seen;
            }
        }
    }
}
