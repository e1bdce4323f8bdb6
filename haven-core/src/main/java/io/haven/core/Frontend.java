package io.haven.core;

import io.haven.config.model.ProxyConfig;
import io.haven.core.acl.SampleContext;
import io.haven.core.http.HttpRules;
import io.haven.core.http.HttpService;
import io.haven.core.log.ProxyLog;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime side of a {@code frontend} (or the frontend half of a {@code listen}): its
 * switching rules, default backend, connection limit, counters and log.
 */
public final class Frontend {
    private volatile HttpRules httpRules = HttpRules.NONE;
    private volatile io.haven.core.tcp.TcpServiceRules tcpServices = io.haven.core.tcp.TcpServiceRules.NONE;
    private final java.util.List<HttpService> httpServices = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ProxyConfig config;
    private final int id;
    private final int maxconn;
    private final ProxyCounters counters = new ProxyCounters();
    private final List<SwitchingRule> rules = new ArrayList<>();
    private Backend defaultBackend;
    private final ProxyLog log;
    private io.haven.core.log.LogFormat logFormat;

    public Frontend(ProxyConfig config, int id, int maxconn, ProxyLog log) {
        this.config = config;
        this.id = id;
        this.maxconn = maxconn;
        this.log = log;
    }

    void init(List<SwitchingRule> switching, Backend fallback) {
        rules.addAll(switching);
        defaultBackend = fallback;
    }

    public String name() {
        return config.name();
    }

    public int id() {
        return id;
    }

    public ProxyConfig config() {
        return config;
    }

    /** The frontend's connection limit: its own {@code maxconn}, else the global one. */
    public int maxconn() {
        return maxconn;
    }

    public ProxyCounters counters() {
        return counters;
    }

    /** This proxy's http-request/http-response rules; {@link HttpRules#NONE} until a generation installs them. */
    public HttpRules httpRules() {
        return httpRules;
    }

    /** The services (stats page, applets) that answer requests in this proxy, in order. */
    public java.util.List<HttpService> httpServices() {
        return httpServices;
    }

    /** Adds a service; called while the generation is built, before it serves. */
    public void addHttpService(HttpService service) {
        httpServices.add(java.util.Objects.requireNonNull(service));
    }

    /** Installs the compiled rules; called while the generation is built, before it serves. */
    public void httpRules(HttpRules rules) {
        this.httpRules = java.util.Objects.requireNonNull(rules);
    }

    /** The per-request log format of an HTTP frontend ({@code option httplog}, {@code log-format}), or null. */
    public io.haven.core.log.LogFormat logFormat() {
        return logFormat;
    }

    void logFormat(io.haven.core.log.LogFormat format) {
        this.logFormat = format;
    }

    /** {@code tcp-request content use-service} rules; none until a generation installs them. */
    public io.haven.core.tcp.TcpServiceRules tcpServices() {
        return tcpServices;
    }

    /** Installs the compiled service rules; called while the generation is built, before it serves. */
    public void tcpServices(io.haven.core.tcp.TcpServiceRules rules) {
        this.tcpServices = java.util.Objects.requireNonNull(rules);
    }

    public ProxyLog log() {
        return log;
    }

    public Backend defaultBackend() {
        return defaultBackend;
    }

    /**
     * Evaluates {@code use_backend} rules in order, then falls back to {@code default_backend}; null if none.
     * A matching rule whose dynamic name ({@code %[...]}) names no backend gives the default backend.
     */
    public Backend selectBackend(SampleContext ctx) {
        for (int i = 0, n = rules.size(); i < n; i++) {
            SwitchingRule r = rules.get(i);
            if (r.condition().test(ctx)) {
                Backend b = r.target(ctx);
                return b != null ? b : defaultBackend;
            }
        }
        return defaultBackend;
    }

    @Override
    public String toString() {
        return name();
    }
}
