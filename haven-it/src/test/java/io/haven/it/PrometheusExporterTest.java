package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.Curl;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code http-request use-service prometheus-exporter}, HAProxy 2.6's way to serve /metrics, in
 * the real program and read with curl: a frontend of its own (no backend at all), rules in front
 * of it ({@code http-request auth}), a backend reached by switching rules, and the stats page,
 * which does not serve /metrics, as in HAProxy. Unknown services are configuration errors.
 */
class PrometheusExporterTest {
    @TempDir
    Path dir;

    @Test
    void metricsThroughUseServiceOnly() throws Exception {
        int prom = Net.freePort();
        int web = Net.freePort();
        Path cfg = dir.resolve("prom.cfg");
        Files.writeString(cfg, """
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 10s
                    timeout server 10s
                    retries 0
                    log stdout format raw local0
                    option httplog
                userlist scrapers
                    user prom insecure-password s3cret
                frontend prometheus
                    bind 127.0.0.1:%d
                    acl scraper http_auth(scrapers)
                    http-request auth realm metrics if { path /private } !scraper
                    http-request use-service prometheus-exporter if { path /metrics } || { path /private }
                frontend web
                    bind 127.0.0.1:%d
                    stats uri /stats
                    use_backend exporter if { path_beg /scrape }
                    default_backend app
                backend exporter
                    http-request use-service prometheus-exporter
                backend app
                    server s1 127.0.0.1:9 weight 7
                """.formatted(prom, web));
        try (HavenProcess haven = HavenProcess.start(dir, cfg, prom, web)) {
            Curl metrics = Curl.run("-i", "http://127.0.0.1:" + prom + "/metrics");
            assertThat(metrics.exit()).as(metrics.err()).isZero();
            assertThat(metrics.out()).startsWith("HTTP/1.1 200").contains("Content-Type: text/plain; version=0.0.4")
                    .contains("haproxy_server_weight{proxy=\"app\",server=\"s1\"} 7",
                            "haproxy_frontend_status{proxy=\"prometheus\"} 1", "# TYPE haproxy_server_status gauge");

            String status = "%{http_code}";
            assertThat(Curl.run("-o", "/dev/null", "-w", status, "http://127.0.0.1:" + prom + "/other").out())
                    .as("no rule names the service and the frontend has no backend").isEqualTo("503");
            assertThat(Curl.run("-o", "/dev/null", "-w", status, "http://127.0.0.1:" + prom + "/private").out()).isEqualTo("401");
            Curl authed = Curl.run("-u", "prom:s3cret", "http://127.0.0.1:" + prom + "/private");
            assertThat(authed.out()).contains("haproxy_server_weight{proxy=\"app\",server=\"s1\"} 7");

            assertThat(Curl.run("http://127.0.0.1:" + web + "/scrape").out()).as("use-service in a backend's rules")
                    .contains("haproxy_backend_status{proxy=\"exporter\",state=\"UP\"}");
            assertThat(Curl.run("-o", "/dev/null", "-w", status, "http://127.0.0.1:" + web + "/metrics").out())
                    .as("the stats page does not serve /metrics: it goes to the app's (unreachable) server").isEqualTo("503");
            assertThat(Curl.run("-o", "/dev/null", "-w", status, "http://127.0.0.1:" + web + "/stats").out()).isEqualTo("200");
            // HAProxy's applet names in the log's server field
            await().atMost(Duration.ofSeconds(10)).until(() -> haven.stdout().contains(" prometheus prometheus/<PROMEX> "));
            assertThat(haven.stdout()).contains("/<STATS> ").contains(" web exporter/<PROMEX> ");
        }
    }

    @Test
    void unknownServicesAndResponseRulesAreErrorsNamingTheLine() throws Exception {
        Path cfg = Files.writeString(dir.resolve("bad.cfg"), """
                frontend fe
                    mode http
                    bind 127.0.0.1:%d
                    http-request use-service stats-exporter
                    http-response use-service prometheus-exporter
                """.formatted(Net.freePort()));
        HavenProcess.Result r = HavenProcess.run(dir, "-c", "-f", cfg.toString());
        assertThat(r.exitCode()).isNotZero();
        assertThat(r.stdout() + r.stderr()).contains(cfg + ":4", "unknown or unimplemented service 'stats-exporter'",
                cfg + ":5", "only allowed in http-request");
    }
}
