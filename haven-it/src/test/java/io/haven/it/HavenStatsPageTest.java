package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haven.it.support.Browser;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import io.haven.it.support.ShowStat;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;

/**
 * The stats page of the real {@code haven} program: configuration checks, then the page, its
 * variants, {@code stats auth} and the admin form through real clients (JDK HttpClient, curl,
 * headless Chromium).
 */
class HavenStatsPageTest {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @TempDir
    Path dir;

    @Test
    void theCheckAcceptsStatsSettingsAndRefusesWhatCannotWork() throws Exception {
        Path ok = dir.resolve("ok.cfg");
        Files.writeString(ok, """
                listen st
                    mode http
                    bind 127.0.0.1:1
                    acl local src 127.0.0.1
                    stats enable
                    stats uri /st
                    stats realm Haven\\ Stats
                    stats auth admin:pw
                    stats refresh 10s
                    stats admin if local
                    stats hide-version
                    stats show-legends
                    stats scope .
                """);
        HavenProcess.Result r = HavenProcess.run(dir, "-c", "-f", ok.toString());
        assertThat(r.exitCode()).as(r.stderr()).isZero();

        Path tcp = dir.resolve("tcp.cfg");
        Files.writeString(tcp, "listen st\n    mode tcp\n    bind 127.0.0.1:1\n    stats enable\n    server s 127.0.0.1:2\n");
        r = HavenProcess.run(dir, "-c", "-f", tcp.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("parsing [" + tcp + ":4] : 'stats'", "needs 'mode http'");

        Path acl = dir.resolve("acl.cfg");
        Files.writeString(acl, "listen st\n    mode http\n    bind 127.0.0.1:1\n    stats admin if nosuch\n");
        r = HavenProcess.run(dir, "-c", "-f", acl.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("parsing [" + acl + ":4] : 'stats admin'", "no such ACL : 'nosuch'");

        Path unknown = dir.resolve("unknown.cfg");
        Files.writeString(unknown, "listen st\n    mode http\n    bind 127.0.0.1:1\n    stats show-node\n");
        r = HavenProcess.run(dir, "-c", "-f", unknown.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("parsing [" + unknown + ":4] : 'stats show-node'", "is not implemented");
    }

    private int port;
    private int openPort;
    private Path socket;

    /** Haven with a stats listener behind auth on {@code port}, an open one on {@code openPort}, and an admin socket. */
    private HavenProcess start() throws Exception {
        port = Net.freePort();
        openPort = Net.freePort();
        socket = dir.resolve("haven.sock");
        Path cfg = dir.resolve("stats.cfg");
        Files.writeString(cfg, config(port, openPort, socket));
        return HavenProcess.start(dir, cfg, port, openPort);
    }

    private static String config(int port, int openPort, Path socket) {
        return """
                global
                    stats socket %s level admin
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 5s
                    timeout server 5s
                listen st
                    bind 127.0.0.1:%d
                    stats uri /st
                    stats refresh 1s
                    stats auth admin:pw
                    stats admin if TRUE
                listen open
                    bind 127.0.0.1:%d
                    stats enable
                    stats uri /
                    stats admin if TRUE
                backend be
                    server s1 127.0.0.1:9 weight 10
                    server s2 127.0.0.1:9
                """.formatted(socket, port, openPort);
    }

    private static HttpResponse<String> get(String url, String auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10));
        if (auth != null) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(auth.getBytes(StandardCharsets.UTF_8)));
        }
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePageItsVariantsAndTheAdminFormToRealClients() throws Exception {
        try (HavenProcess haven = start()) {
            String base = "http://127.0.0.1:" + port;
            HttpResponse<String> denied = get(base + "/st", null);
            assertThat(denied.statusCode()).isEqualTo(401);
            assertThat(denied.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"HAProxy Statistics\"");
            assertThat(get(base + "/st", "admin:wrong").statusCode()).isEqualTo(401);

            HttpResponse<String> page = get(base + "/st", "admin:pw");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
            assertThat(page.body()).contains("data-proxy=\"be\"", "data-sv=\"s1\"", "http-equiv=\"refresh\"");

            ShowStat csv = ShowStat.parse(get(base + "/st;csv", "admin:pw").body());
            assertThat(csv.rectangular()).isTrue();
            assertThat(csv.rowNames()).isEqualTo(ShowStat.of(dir, socket).rowNames());

            JsonNode json = new ObjectMapper().readTree(get(base + "/st;json", "admin:pw").body());
            assertThat(json.isArray()).isTrue();
            assertThat(json.size()).isEqualTo(csv.rowNames().size());

            // as in HAProxy, /metrics is not the page's (use-service prometheus-exporter serves it): this listen has no server
            assertThat(get(base + "/metrics", "admin:pw").statusCode()).isEqualTo(503);

            HttpResponse<String> posted = CLIENT.send(HttpRequest.newBuilder(URI.create(base + "/st"))
                    .header("Authorization", "Basic " + Base64.getEncoder().encodeToString("admin:pw".getBytes(StandardCharsets.UTF_8)))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString("s=s1&action=maint&b=be")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).isEqualTo(303);
            assertThat(posted.headers().firstValue("Location")).hasValue("/st;st=DONE");
            assertThat(ShowStat.of(dir, socket).row("be", "s1").get("status")).isEqualTo("MAINT");

            Process p = new ProcessBuilder(List.of("curl", "-s", "-u", "admin:pw", base + "/st;csv")).start();
            String curled = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).isZero();
            assertThat(ShowStat.parse(curled).row("be", "s1").get("status")).isEqualTo("MAINT");
        }
    }

    @Test
    void theRealProgramsPageWorksInABrowser() throws Exception {
        WebDriver browser = null;
        try (HavenProcess haven = start()) {
            browser = Browser.open();
            WebDriver b = browser;
            b.get("http://127.0.0.1:" + openPort + "/;norefresh");
            assertThat(b.findElements(By.cssSelector("#px-be tr.server"))).hasSize(2);
            b.findElement(By.cssSelector("#px-be tr[data-sv='s2'] input[type=checkbox]")).click();
            b.findElement(By.cssSelector("select[name=action] option[value=drain]")).click();
            b.findElement(By.cssSelector("input[type=submit]")).click();
            await().atMost(Duration.ofSeconds(15)).ignoreExceptionsInstanceOf(WebDriverException.class).untilAsserted(() ->
                    assertThat(b.findElement(By.cssSelector("#px-be tr[data-sv='s2'] td.status")).getText()).isEqualTo("DRAIN"));
            assertThat(ShowStat.of(dir, socket).row("be", "s2").get("status")).isEqualTo("DRAIN");
        } finally {
            if (browser != null) {
                browser.quit();
            }
        }
    }
}
