package io.haven.config;

import io.haven.config.model.BalanceAlgorithm;
import io.haven.config.model.BindConfig;
import io.haven.config.model.ProxyMode;
import io.haven.config.model.RetryOn;
import java.util.EnumSet;
import java.util.Set;

/** Keywords every proxy section shares: listening, mode, limits, timeouts, balancing, retries. */
final class ProxyKeywords {
    private ProxyKeywords() {
    }

    static void register(KeywordRegistry r) {
        r.proxy("bind", Section.FRONTEND_ONLY, ProxyKeywords::bind);
        r.proxy("mode", Section.PROXIES, (line, p, ctx) -> {
            GlobalKeywords.expectArgs(line, 1);
            switch (line.word(1)) {
                case "tcp" -> p.mode = ProxyMode.TCP;
                case "http" -> p.mode = ProxyMode.HTTP;
                default -> throw Values.bad(line, line.word(1), "tcp or http");
            }
        });
        r.proxy("maxconn", Section.WITH_FRONTEND, (line, p, ctx) -> {
            GlobalKeywords.expectArgs(line, 1);
            p.maxconn = Values.integer(line, 1, 0, 10_000_000);
        });
        r.proxy("timeout", Section.PROXIES, ProxyKeywords::timeout);
        r.proxy("balance", Section.WITH_BACKEND, (line, p, ctx) -> {
            String algo = Values.required(line, 1, "an algorithm");
            p.balance = BalanceAlgorithm.byKeyword(algo).orElseThrow(() -> new ConfigException(line.location(), "balance",
                    "unknown or unimplemented algorithm '" + algo
                            + "', expected roundrobin, static-rr, leastconn, first, source or random"));
            if (line.size() > 2) {
                throw new ConfigException(line.location(), "balance",
                        "unexpected argument '" + line.word(2) + "' after '" + algo + "'");
            }
        });
        r.proxy("default_backend", Section.WITH_FRONTEND, (line, p, ctx) -> {
            GlobalKeywords.expectArgs(line, 1);
            p.defaultBackend = line.word(1);
            p.defaultBackendAt = line.location();
        });
        r.proxy("retries", Section.WITH_BACKEND, (line, p, ctx) -> {
            GlobalKeywords.expectArgs(line, 1);
            p.retries = Values.integer(line, 1, 0, 1000);
        });
        r.option("redispatch", Section.WITH_BACKEND, true, (line, at, p, on) -> {
            if (line.size() > at + 1 || (!on && line.size() > at)) {
                throw new ConfigException(line.location(), "option redispatch", "expects at most one interval");
            }
            int interval = line.size() > at ? Values.integer(line, at, -1000, 1000) : -1;
            // HAProxy: 0 disables redispatching, as 'no option redispatch' does
            p.redispatch = on && interval != 0;
            p.redispatchInterval = interval == 0 ? -1 : interval;
        });
        r.proxy("retry-on", Section.WITH_BACKEND, (line, p, ctx) -> p.retryOn = retryOn(line));
        r.option("allbackups", Section.WITH_BACKEND, true, (line, at, p, on) -> {
            noArgs(line, at);
            p.allBackups = on;
        });
        r.option("tcplog", Section.PROXIES, true, (line, at, p, on) -> {
            noArgs(line, at);
            p.tcpLog = on;
        });
        r.option("dontlognull", Section.WITH_FRONTEND, true, (line, at, p, on) -> {
            noArgs(line, at);
            p.dontLogNull = on;
        });
    }

    /**
     * {@code retry-on} as in HAProxy. In TCP mode only {@code conn-failure} and
     * {@code empty-response} mean something; the HTTP-only events are refused by name.
     */
    private static Set<RetryOn> retryOn(Line line) throws ConfigException {
        if (line.size() < 2) {
            throw new ConfigException(line.location(), "retry-on", "expects one or more of none, conn-failure, empty-response, all-retryable-errors, all");
        }
        Set<RetryOn> on = EnumSet.noneOf(RetryOn.class);
        for (int i = 1; i < line.size(); i++) {
            String w = line.word(i);
            switch (w) {
                case "none" -> {
                    if (line.size() > 2) {
                        throw new ConfigException(line.location(), "retry-on", "'none' cannot be combined with other keywords");
                    }
                }
                case "conn-failure" -> on.add(RetryOn.CONN_FAILURE);
                case "empty-response" -> on.add(RetryOn.EMPTY_RESPONSE);
                case "all-retryable-errors", "all" -> on.addAll(EnumSet.allOf(RetryOn.class));
                case "junk-response", "response-timeout", "0rtt-rejected" -> throw new ConfigException(line.location(), "retry-on",
                        "'" + w + "' is not implemented");
                default -> throw new ConfigException(line.location(), "retry-on", w.matches("\\d{3}")
                        ? "retrying on status '" + w + "' is not implemented"
                        : "unknown keyword '" + w + "', expected none, conn-failure, empty-response, all-retryable-errors or all");
            }
        }
        return on;
    }

    static void noArgs(Line line, int at) throws ConfigException {
        if (line.size() > at) {
            throw new ConfigException(line.location(), String.join(" ", line.words().subList(0, at)),
                    "unexpected argument '" + line.word(at) + "'");
        }
    }

    private static void bind(Line line, ProxyBuilder p, ParseContext ctx) throws ConfigException {
        String addrs = Values.required(line, 1, "ADDR:PORT[,ADDR:PORT...]");
        var tls = BindOptions.parse(line, 2);
        for (String a : addrs.split(",")) {
            String addr = a.startsWith("ipv4@") ? a.substring(5) : a;
            if (addr.startsWith("/") || addr.startsWith("unix@") || addr.startsWith("abns@")) {
                throw new ConfigException(line.location(), "bind",
                        "unix socket listeners ('" + a + "') are not implemented");
            }
            Values.HostPort hp = Values.hostPort(line, addr, true);
            p.binds.add(new BindConfig(hp.host(), hp.port(), line.location(), tls));
        }
    }

    private static void timeout(Line line, ProxyBuilder p, ParseContext ctx) throws ConfigException {
        String which = Values.required(line, 1, "connect, client, server, check, queue, client-fin, server-fin, tunnel, http-request or http-keep-alive");
        if (line.size() != 3) {
            throw new ConfigException(line.location(), "timeout " + which, "expects exactly one time value");
        }
        long ms = Values.time(line, 2);
        boolean frontendSide = which.equals("client") || which.equals("client-fin");
        if (frontendSide && p.kind != null && !p.kind.hasFrontend()) {
            throw new ConfigException(line.location(), "timeout " + which, "is not allowed in a 'backend' section");
        }
        if (!frontendSide && p.kind != null && !p.kind.hasBackend() && !which.equals("tunnel") && !which.startsWith("http-")) {
            throw new ConfigException(line.location(), "timeout " + which, "is not allowed in a 'frontend' section");
        }
        switch (which) {
            case "connect" -> p.connect = ms;
            case "client" -> p.client = ms;
            case "server" -> p.server = ms;
            case "check" -> p.check = ms;
            case "queue" -> p.queue = ms;
            case "client-fin" -> p.clientFin = ms;
            case "server-fin" -> p.serverFin = ms;
            case "tunnel" -> p.tunnel = ms;
            default -> {
                if (!HttpKeywords.timeout(which, ms, p)) {
                    throw new ConfigException(line.location(), "timeout " + which, "unknown or unimplemented timeout, expected"
                            + " connect, client, server, check, queue, client-fin, server-fin, tunnel, http-request or http-keep-alive");
                }
            }
        }
    }
}
