package io.haven.admin.stats;

import io.haven.core.http.TestTxn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.haven.admin.AdminHooks;
import io.haven.admin.ProcessInfo;
import io.haven.admin.RuntimeApi;
import io.haven.config.model.AccessLevel;
import io.haven.core.http.HttpReply;
import io.haven.core.server.CheckResult;
import io.haven.core.server.CheckStatus;
import io.haven.core.server.Server;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ;csv and ;json variants of the page, and the prometheus-exporter service beside it. */
class StatsPageFormatsTest {
    private final StatsFixture f;

    StatsPageFormatsTest() throws Exception {
        f = new StatsFixture(StatsFixture.config("    stats uri /st\n    stats show-legends\n"));
        Server s1 = f.gen.backend("be").orElseThrow().server("s1").orElseThrow();
        s1.onCheckResult(new CheckResult(CheckStatus.L7OK, 200, "OK", 3));
        s1.counters().bytesIn.add(1000);
        s1.counters().bytesOut.add(2000);
        s1.counters().http.response(503);
        s1.counters().http.response(502);
        f.gen.backend("be").orElseThrow().counters().http.response(200);
        f.gen.backend("be").orElseThrow().counters().http.requests.increment();
        f.gen.backend("be").orElseThrow().counters().bytesIn.add(1000);
        f.gen.backend("be").orElseThrow().server("s3").orElseThrow().setMaintenance(true);
    }

    /** The runtime API over the same generation; the commands used here need no process hooks. */
    private RuntimeApi api() {
        return new RuntimeApi(() -> f.gen, new AdminHooks() {
            @Override
            public ProcessInfo info() {
                throw new UnsupportedOperationException();
            }

            @Override
            public String reload() {
                throw new UnsupportedOperationException();
            }
        });
    }

    @Test
    void csvIsExactlyShowStat() {
        RuntimeApi api = api();
        HttpReply r = f.serve(TestTxn.get("/st;csv"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().first("Content-Type")).startsWith("text/plain");
        // the two are taken a moment apart: 'lastchg' counts seconds, so compare once they fall in the same one
        await().untilAsserted(() -> assertThat(StatsFixture.text(f.serve(TestTxn.get("/st;csv"))) + "\n")
                .isEqualTo(api.execute("show stat", AccessLevel.OPERATOR)));
    }

    @Test
    void showStatJsonOnTheCliIsThePagesJson() throws Exception {
        RuntimeApi api = api();
        ObjectMapper json = new ObjectMapper();
        JsonNode cli = json.readTree(api.execute("show stat json", AccessLevel.OPERATOR));
        JsonNode page = json.readTree(f.serve(TestTxn.get("/st;json")).body());
        assertThat(cli.size()).isEqualTo(page.size()).isEqualTo(6);
        assertThat(cli.get(2).get(1).get("value").get("value").asText()).isEqualTo("s1");
    }

    @Test
    void csvFiltersLikeTheCli() {
        String csv = StatsFixture.text(f.serve(TestTxn.get("/st;csv;no-maint")));
        assertThat(csv).contains("\nbe,s1,").doesNotContain("\nbe,s3,");
    }

    @Test
    void jsonHasHaproxysShowStatJsonShape() throws Exception {
        HttpReply r = f.serve(TestTxn.get("/st;json"));
        assertThat(r.headers().first("Content-Type")).isEqualTo("application/json");
        JsonNode all = new ObjectMapper().readTree(r.body());
        assertThat(all.isArray()).isTrue();
        Map<String, Map<String, JsonNode>> byLine = new HashMap<>();
        for (JsonNode line : all) {
            Map<String, JsonNode> fields = new HashMap<>();
            for (JsonNode field : line) {
                assertThat(field.get("processNum").asInt()).isEqualTo(1);
                fields.put(field.get("field").get("name").asText(), field);
            }
            byLine.put(fields.get("pxname").get("value").get("value").asText() + "/"
                    + fields.get("svname").get("value").get("value").asText(), fields);
        }
        assertThat(byLine).containsOnlyKeys("st/FRONTEND", "st/BACKEND", "be/s1", "be/s2", "be/s3", "be/BACKEND");
        JsonNode status = byLine.get("be/s1").get("status");
        assertThat(status.get("objType").asText()).isEqualTo("Server");
        assertThat(status.get("proxyId").asInt()).isEqualTo(2);
        assertThat(status.get("id").asInt()).isEqualTo(1);
        assertThat(status.get("field").get("pos").asInt()).isEqualTo(17);
        assertThat(status.get("value").get("type").asText()).isEqualTo("str");
        assertThat(status.get("value").get("value").asText()).isEqualTo("UP");
        JsonNode bin = byLine.get("be/s1").get("bin");
        assertThat(bin.get("value").get("type").asText()).isEqualTo("u64");
        assertThat(bin.get("value").get("value").asLong()).isEqualTo(1000);
        assertThat(byLine.get("be/BACKEND").get("status").get("objType").asText()).isEqualTo("Backend");
        assertThat(byLine.get("st/FRONTEND").get("status").get("objType").asText()).isEqualTo("Frontend");
        assertThat(byLine.get("be/s1")).doesNotContainKey("cookie");
    }

    @Test
    void metricsUseHaproxyExporterNamesAndTheTextFormat() {
        HttpReply r = f.metrics();
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().first("Content-Type")).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        String text = StatsFixture.text(r);
        assertThat(text.lines()).contains(
                "haproxy_server_status{proxy=\"be\",server=\"s1\",state=\"UP\"} 1",
                "haproxy_server_status{proxy=\"be\",server=\"s1\",state=\"DOWN\"} 0",
                "haproxy_server_status{proxy=\"be\",server=\"s3\",state=\"MAINT\"} 1",
                "haproxy_server_check_status{proxy=\"be\",server=\"s1\",state=\"L7OK\"} 1",
                "haproxy_server_check_code{proxy=\"be\",server=\"s1\"} 200",
                "haproxy_server_check_duration_seconds{proxy=\"be\",server=\"s1\"} 0.003",
                "haproxy_server_bytes_in_total{proxy=\"be\",server=\"s1\"} 1000",
                "haproxy_server_bytes_out_total{proxy=\"be\",server=\"s1\"} 2000",
                "haproxy_server_current_sessions{proxy=\"be\",server=\"s1\"} 0",
                "haproxy_server_weight{proxy=\"be\",server=\"s1\"} 10",
                "haproxy_backend_bytes_in_total{proxy=\"be\"} 1000",
                "haproxy_backend_status{proxy=\"be\",state=\"UP\"} 1",
                "haproxy_backend_active_servers{proxy=\"be\"} 1",
                "haproxy_frontend_status{proxy=\"st\"} 1",
                "haproxy_backend_http_responses_total{proxy=\"be\",code=\"2xx\"} 1",
                "haproxy_server_http_responses_total{proxy=\"be\",server=\"s1\",code=\"5xx\"} 2",
                "haproxy_server_http_responses_total{proxy=\"be\",server=\"s1\",code=\"2xx\"} 0",
                "haproxy_frontend_http_responses_total{proxy=\"st\",code=\"other\"} 0",
                "haproxy_backend_http_requests_total{proxy=\"be\"} 1",
                "haproxy_frontend_current_sessions{proxy=\"st\"} 0",
                "# TYPE haproxy_backend_bytes_in_total counter",
                "# TYPE haproxy_server_current_sessions gauge");
        // every sample is NAME{LABELS} VALUE, and every name has exactly one HELP and one TYPE before its samples
        Set<String> typed = new HashSet<>();
        List<String> helps = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (line.startsWith("# HELP ")) {
                helps.add(line.split(" ")[2]);
            } else if (line.startsWith("# TYPE ")) {
                assertThat(typed.add(line.split(" ")[2])).as("one TYPE line for " + line).isTrue();
            } else {
                assertThat(line).matches("[a-z_]+\\{[a-z]+=\"[^\"]*\"(,[a-z]+=\"[^\"]*\")*\\} -?[0-9]+(\\.[0-9]+)?(E-?[0-9]+)?");
                assertThat(typed).contains(line.substring(0, line.indexOf('{')));
            }
        }
        assertThat(helps).doesNotHaveDuplicates().hasSameSizeAs(typed);
    }

    @Test
    void metricsCarryTheMeasuredReplicationLag() throws Exception {
        StatsFixture g = new StatsFixture("""
                listen st
                    mode http
                    bind 127.0.0.1:18404
                    stats enable
                backend db
                    option mysql-lag-check user haven
                    server r1 127.0.0.1:3307 check
                    server r2 127.0.0.1:3308 check
                """);
        g.gen.backend("db").orElseThrow().server("r1").orElseThrow().reportReplicationLag(250);
        String text = StatsFixture.text(g.metrics());
        assertThat(text.lines()).contains("haven_server_replication_lag_seconds{proxy=\"db\",server=\"r1\"} 0.25",
                "haven_server_replication_lag_seconds{proxy=\"db\",server=\"r2\"} -1");
    }
}
