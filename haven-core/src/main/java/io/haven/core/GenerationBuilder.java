package io.haven.core;

import io.haven.config.ConfigException;
import io.haven.config.Diagnostic;
import io.haven.config.model.Config;
import io.haven.config.model.ProxyConfig;
import io.haven.config.model.ServerConfig;
import io.haven.config.model.UseBackendRule;
import io.haven.config.model.UserlistConfig;
import io.haven.core.acl.AclCompiler;
import io.haven.core.acl.CompiledCondition;
import io.haven.core.acl.Lookup;
import io.haven.core.auth.Userlist;
import io.haven.core.format.FormatString;
import io.haven.core.map.MapRegistry;
import io.haven.core.rules.HttpRulesCompiler;
import io.haven.core.log.ProxyLog;
import io.haven.core.server.Server;
import io.haven.core.server.ServerEvents;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a validated {@link Config} into a {@link Generation}: resolves server addresses,
 * compiles ACLs and switching rules, creates balancers, and carries server state over from the
 * previous generation by {@code backend/server} name. Any failure is a {@link ConfigException}
 * naming file and line, and nothing of the new generation is used.
 */
public final class GenerationBuilder {
    private final LoadBalancer.Factory balancers;

    public GenerationBuilder(LoadBalancer.Factory balancers) {
        this.balancers = balancers;
    }

    public Generation build(Config config, Generation previous, ServerEvents events) throws ConfigException {
        List<Diagnostic> errors = new ArrayList<>();
        Map<String, Backend> backends = new LinkedHashMap<>();
        Map<String, Frontend> frontends = new LinkedHashMap<>();
        int id = 1;
        for (ProxyConfig p : config.proxies()) {
            int pid = id++;
            if (p.kind().hasBackend()) {
                Backend b = new Backend(p, pid);
                List<Server> servers = new ArrayList<>();
                int sid = 1;
                for (ServerConfig sc : p.servers()) {
                    try {
                        servers.add(new Server(b, sc, sid++, resolve(sc), events));
                    } catch (ConfigException e) {
                        errors.addAll(e.diagnostics());
                    }
                }
                if (previous != null) {
                    for (Server s : servers) {
                        previous.server(s.fullName()).ifPresent(s::inheritFrom);
                    }
                }
                b.init(servers, balancers.create(p.balance()), ProxyLog.of(p.logs()));
                backends.put(p.name(), b);
            }
            if (p.kind().hasFrontend()) {
                int maxconn = p.maxconn() > 0 ? p.maxconn() : config.global().effectiveMaxconn();
                frontends.put(p.name(), new Frontend(p, pid, maxconn, ProxyLog.of(p.logs())));
            }
        }
        MapRegistry maps = new MapRegistry();
        io.haven.core.extension.Extensions extensions = new io.haven.core.extension.Extensions();
        Map<String, Userlist> userlists = new LinkedHashMap<>();
        for (UserlistConfig u : config.userlists()) {
            try {
                userlists.put(u.name(), Userlist.compile(u));
            } catch (ConfigException e) {
                errors.addAll(e.diagnostics());
            }
        }
        Lookup lookup = new Lookup() {
            @Override
            public Backend backend(String name) {
                return backends.get(name);
            }

            @Override
            public Frontend frontend(String name) {
                return frontends.get(name);
            }

            @Override
            public MapRegistry maps() {
                return maps;
            }

            @Override
            public io.haven.core.extension.Extensions extensions() {
                return extensions;
            }

            @Override
            public Userlist userlist(String name) {
                return userlists.get(name);
            }
        };
        for (Backend b : backends.values()) {
            for (Server s : b.servers()) {
                compileSni(s, lookup, errors);
            }
        }
        for (Frontend f : frontends.values()) {
            ProxyConfig p = f.config();
            AclCompiler acls = AclCompiler.collecting(p, lookup);
            errors.addAll(acls.errors());
            List<SwitchingRule> rules = new ArrayList<>();
            for (UseBackendRule r : p.useBackends()) {
                try {
                    rules.add(switchingRule(r, acls, backends, p.mode()));
                } catch (ConfigException e) {
                    errors.addAll(e.diagnostics());
                }
            }
            Backend fallback = p.defaultBackend() != null ? backends.get(p.defaultBackend())
                    : p.kind().hasBackend() ? backends.get(p.name()) : null;
            f.init(rules, fallback);
            try {
                lookup.at(p.location());
                f.logFormat(io.haven.core.log.HttpLogFormats.of(p, expr -> {
                    // the access log's %[...] items are the rule engine's sample expressions
                    io.haven.core.sample.SampleExpr e = io.haven.core.sample.SampleExprCompiler.compile(expr, lookup);
                    return e::fetch;
                }));
                f.httpRules(HttpRulesCompiler.compile(p, acls));
                if (p.kind().hasBackend()) {
                    // a listen section is one proxy: the data plane runs its rules once, on whichever half it asks
                    backends.get(p.name()).httpRules(f.httpRules());
                }
            } catch (ConfigException e) {
                errors.addAll(e.diagnostics());
            }
        }
        for (Backend b : backends.values()) {
            // a listen section's rules were compiled with its frontend half above
            if (!b.config().kind().hasFrontend()) {
                AclCompiler acls = AclCompiler.collecting(b.config(), lookup);
                errors.addAll(acls.errors());
                try {
                    b.httpRules(HttpRulesCompiler.compile(b.config(), acls));
                } catch (ConfigException e) {
                    errors.addAll(e.diagnostics());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        long number = previous == null ? 1 : previous.number() + 1;
        return new Generation(number, config, frontends, backends, events, ProxyLog.of(config.global().logs()), maps,
                extensions);
    }

    /**
     * A {@code use_backend} rule; a name with {@code %[...]} is a log-format evaluated per request,
     * and a name that is no backend of the frontend's mode gives the default backend.
     */
    private static SwitchingRule switchingRule(UseBackendRule r, AclCompiler acls, Map<String, Backend> backends,
                                               io.haven.config.model.ProxyMode mode) throws ConfigException {
        CompiledCondition cond = acls.condition(r.condition(), r.location(), "use_backend");
        if (!r.backend().contains("%[")) {
            return new SwitchingRule(backends.get(r.backend()), cond);
        }
        // a name resolved per request can only reach a backend of the frontend's mode
        Map<String, Backend> sameMode = new java.util.HashMap<>();
        backends.forEach((n, b) -> {
            if (b.config().mode() == mode) {
                sameMode.put(n, b);
            }
        });
        try {
            return new SwitchingRule(null, cond, FormatString.compile(r.backend(), acls.lookup()), Map.copyOf(sameMode));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(r.location(), "use_backend", e.getMessage());
        }
    }

    /** A TLS server's {@code sni EXPR}, compiled with the generation's fetches and names. */
    private static void compileSni(Server s, Lookup lookup, List<Diagnostic> errors) {
        var tls = s.config().tls();
        if (tls == null || tls.sni() == null) {
            return;
        }
        try {
            s.sni(io.haven.core.sample.SampleExprCompiler.compile(tls.sni(), lookup));
        } catch (IllegalArgumentException e) {
            errors.addAll(new ConfigException(s.config().location(), "sni", "server '" + s.fullName() + "': "
                    + e.getMessage()).diagnostics());
        }
    }

    private static InetSocketAddress resolve(ServerConfig sc) throws ConfigException {
        try {
            return new InetSocketAddress(InetAddress.getByName(sc.host()), sc.port());
        } catch (UnknownHostException e) {
            throw new ConfigException(sc.location(), "server", "could not resolve address '" + sc.host()
                    + "' of server '" + sc.name() + "'");
        }
    }
}
