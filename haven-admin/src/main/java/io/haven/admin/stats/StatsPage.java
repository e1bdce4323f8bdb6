package io.haven.admin.stats;

import io.haven.admin.StatRow;
import io.haven.admin.StatSelection;
import io.haven.admin.StatTable;
import io.haven.config.model.StatsConfig;
import io.haven.core.Generation;
import io.haven.core.acl.CompiledCondition;
import io.haven.core.http.HttpHeaders;
import io.haven.core.http.HttpReply;
import io.haven.core.http.HttpRequest;
import io.haven.core.http.HttpService;
import io.haven.core.http.HttpTxn;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * HAProxy's statistics applet for one proxy with {@code stats enable}: it answers requests whose
 * URI starts with {@code stats uri} (the HTML page, {@code ;csv} exactly as {@code show stat},
 * {@code ;json}, and the admin form's POST), after {@code stats auth}. As in HAProxy it does
 * not serve {@code /metrics}: that is {@link PrometheusExporter}'s, through {@code use-service}. It shows the generation that serves new connections, so a keep-alive
 * connection opened before a reload sees the servers of now, and admin actions reach them.
 */
public final class StatsPage implements HttpService {
    private final String proxy;
    private final StatsConfig config;
    private final CompiledCondition admin;
    private final Supplier<Generation> generation;
    private final String version;

    /**
     * @param admin      the compiled {@code stats admin} condition, null when nobody administers
     * @param generation the generation to show, read per request
     * @param version    shown in the page's title unless {@code stats hide-version}
     */
    public StatsPage(String proxy, StatsConfig config, CompiledCondition admin, Supplier<Generation> generation,
                     String version) {
        this.proxy = Objects.requireNonNull(proxy);
        this.config = Objects.requireNonNull(config);
        this.admin = admin;
        this.generation = Objects.requireNonNull(generation);
        this.version = config.hideVersion() ? null : version;
    }

    @Override
    public String logName() {
        return "<STATS>";
    }

    @Override
    public boolean matches(HttpTxn txn) {
        HttpRequest r = txn.request();
        return target(r).startsWith(config.uri());
    }

    @Override
    public HttpReply serve(HttpTxn txn, byte[] body) {
        HttpRequest r = txn.request();
        if (!BasicAuth.allows(config, r.headers())) {
            return BasicAuth.challenge(config.realm());
        }
        Generation g = generation.get();
        long now = System.currentTimeMillis();
        String target = target(r);
        String method = r.method();
        if (method.equals("POST")) {
            String result = admin != null && admin.test(txn) ? AdminForm.apply(g, body) : "DENY";
            HttpHeaders h = new HttpHeaders().add("Cache-Control", "no-cache")
                    .add("Location", config.uri() + ";st=" + result).add("Content-Type", "text/plain");
            return new HttpReply(303, "See Other", h, new byte[0], false);
        }
        if (!method.equals("GET") && !method.equals("HEAD")) {
            HttpHeaders h = new HttpHeaders().add("Allow", "GET, HEAD, POST");
            return new HttpReply(405, "Method Not Allowed", h, null, false);
        }
        StatsRequest req = StatsRequest.parse(target.substring(config.uri().length()));
        List<StatRow> rows = StatTable.rows(g, selection(req.up(), req.noMaint()), now, config.showLegends());
        return switch (req.format()) {
            case CSV -> ok("text/plain; charset=utf-8", StatTable.csv(rows));
            case JSON -> ok("application/json", StatsJson.render(rows));
            case HTML -> ok("text/html; charset=utf-8", StatsHtml.render(g, rows, config, req,
                    admin != null && admin.test(txn), version, now));
        };
    }

    private StatSelection selection(boolean up, boolean noMaint) {
        return new StatSelection(-1, -1, -1, up, noMaint, scope());
    }

    /** {@code stats scope}: the proxies named ({@code .} is this one), or all of them. */
    private Predicate<String> scope() {
        if (config.scopes().isEmpty()) {
            return StatSelection.ALL_PROXIES;
        }
        Set<String> names = config.scopes().stream().map(s -> s.equals(".") ? proxy : s)
                .collect(java.util.stream.Collectors.toSet());
        return names::contains;
    }

    /** The request target without scheme and authority (an absolute-form request is compared by its path). */
    private static String target(HttpRequest r) {
        String q = r.query();
        return q == null ? r.path() : r.path() + "?" + q;
    }

    private static HttpReply ok(String contentType, String text) {
        HttpHeaders h = new HttpHeaders().add("Content-Type", contentType).add("Cache-Control", "no-cache");
        return new HttpReply(200, "OK", h, text.getBytes(StandardCharsets.UTF_8), false);
    }
}
