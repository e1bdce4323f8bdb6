package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code haven demo} needs nothing but Java: demo servers behind checked TCP and HTTP frontends, and a runtime API. */
class DemoTest {
    @TempDir
    Path dir;

    @Test
    void demoServesRoundRobinAndAnswersTheRuntimeApi() throws Exception {
        int port = Net.freePort();
        String sock = dir.resolve("demo.sock").toString();
        int httpPort = Net.freePort();
        try (HavenProcess demo = HavenProcess.launch(dir, "demo", "--port", Integer.toString(port), "--http-port",
                Integer.toString(httpPort), "-S", sock)) {
            demo.awaitPorts(port, httpPort);
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            Set<String> served = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                java.net.http.HttpResponse<String> r = http.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + httpPort + "/hello")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).isEqualTo(200);
                assertThat(r.body()).contains("GET /hello, X-Forwarded-For: 127.0.0.1");
                served.add(r.headers().firstValue("X-Served-By").orElseThrow());
            }
            assertThat(served).containsExactlyInAnyOrder("web1", "web2", "web3");
            java.net.http.HttpResponse<String> stats = http.send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + httpPort + "/stats")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(stats.statusCode()).isEqualTo(200);
            assertThat(stats.body()).contains("data-proxy=\"demo_web\"", "data-sv=\"web1\"", "<form method=\"post\"");
            await().atMost(Duration.ofSeconds(5)).until(() -> demo.stdout().contains(" demo_http demo_web/web"));
            Set<String> answers = new HashSet<>();
            for (int i = 0; i < 6; i++) {
                answers.add(Net.exchange(port, null));
            }
            assertThat(answers).containsExactlyInAnyOrder("Hello from web1\n", "Hello from web2\n", "Hello from web3\n");
            assertThat(demo.stdout()).contains("Try, in another terminal", "bin/haven ctl");
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                String stat = HavenProcess.run(dir, "ctl", "-S", sock, "show stat").stdout();
                return stat.contains("demo_servers,web1,") && stat.lines().filter(l -> l.startsWith("demo_servers,web"))
                        .allMatch(l -> l.contains(",UP,"));
            });
            HavenProcess.Result disabled = HavenProcess.run(dir, "ctl", "-S", sock, "disable server demo_servers/web2");
            assertThat(disabled.exitCode()).isZero();
            for (int i = 0; i < 6; i++) {
                assertThat(Net.exchange(port, null)).isNotEqualTo("Hello from web2\n");
            }
        }
    }
}
