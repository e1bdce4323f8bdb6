package io.haven.admin.stats;

import io.haven.admin.StatRow;
import io.haven.admin.StatSelection;
import io.haven.admin.StatTable;
import io.haven.core.Generation;
import io.haven.core.http.HttpHeaders;
import io.haven.core.http.HttpReply;
import io.haven.core.http.HttpService;
import io.haven.core.http.HttpTxn;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * HAProxy 2.6's {@code prometheus-exporter} service, reached as HAProxy reaches it:
 * {@code http-request use-service prometheus-exporter if { path /metrics }}. It answers every
 * request handed to it with {@link PrometheusMetrics} for all proxies and servers of the
 * generation serving new connections. It has no authentication of its own (rules such as
 * {@code http-request auth} or an ACL on {@code src} guard it, as in HAProxy).
 */
public final class PrometheusExporter implements HttpService {
    private final Supplier<Generation> generation;

    public PrometheusExporter(Supplier<Generation> generation) {
        this.generation = Objects.requireNonNull(generation);
    }

    @Override
    public String logName() {
        return "<PROMEX>";
    }

    @Override
    public boolean matches(HttpTxn txn) {
        return true; // chosen by a use-service rule, never by path
    }

    @Override
    public HttpReply serve(HttpTxn txn, byte[] body) {
        Generation g = generation.get();
        List<StatRow> rows = StatTable.rows(g, new StatSelection(-1, -1, -1, false, false, StatSelection.ALL_PROXIES),
                System.currentTimeMillis(), false);
        HttpHeaders h = new HttpHeaders().add("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
                .add("Cache-Control", "no-cache");
        return new HttpReply(200, "OK", h, PrometheusMetrics.render(g, rows).getBytes(StandardCharsets.UTF_8), false);
    }
}
