package io.haven.admin.stats;

import io.haven.core.http.TestTxn;

import io.haven.config.ConfigException;
import io.haven.config.ConfigParser;
import io.haven.config.model.Config;
import io.haven.core.Generation;
import io.haven.core.GenerationBuilder;
import io.haven.core.http.HttpReply;
import io.haven.core.http.HttpService;
import io.haven.core.server.ServerEvents;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Supplier;

/** A generation built from configuration text with its stats pages installed, as haven-cli builds one. */
final class StatsFixture {
    final Generation gen;

    StatsFixture(String config) throws ConfigException {
        this(config, () -> null);
    }

    /** @param live the generation serving new connections, as haven-cli hands it to the pages */
    StatsFixture(String config, Supplier<Generation> live) throws ConfigException {
        gen = next(new ConfigParser(Map.of()).parseText("t.cfg", config), null);
        StatsPages.install(gen, live, "9.9.9-test");
    }

    /** The generation a reload would build after {@code previous}. */
    static Generation next(Config config, Generation previous) throws ConfigException {
        return new GenerationBuilder(algo -> (lb, client, avoid) -> lb.size() == 0 ? null : lb.servers()[0])
                .build(config, previous, new ServerEvents());
    }

    /** The config most tests use: a stats listener and a backend of three servers. */
    static String config(String statsLines) {
        return """
                defaults
                    mode http
                    timeout connect 1s
                listen st
                    bind 127.0.0.1:18404
                """ + statsLines + """
                backend be
                    server s1 127.0.0.1:9001 check weight 10
                    server s2 127.0.0.1:9002 check backup
                    server s3 127.0.0.1:9003
                """;
    }

    HttpService page(String proxy) {
        return gen.frontend(proxy).map(f -> f.httpServices().get(0))
                .orElseGet(() -> gen.backend(proxy).orElseThrow().httpServices().get(0));
    }

    HttpReply serve(TestTxn txn) {
        return serve("st", txn, null);
    }

    HttpReply serve(String proxy, TestTxn txn, String body) {
        HttpService page = page(proxy);
        if (!page.matches(txn)) {
            throw new AssertionError("the stats page does not match " + txn.request().uri());
        }
        return page.serve(txn, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    /** What {@code http-request use-service prometheus-exporter} answers in this generation. */
    HttpReply metrics() {
        return gen.httpService(io.haven.core.http.HttpServiceNames.PROMETHEUS_EXPORTER).serve(TestTxn.get("/metrics"), new byte[0]);
    }

    static String text(HttpReply r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }
}
