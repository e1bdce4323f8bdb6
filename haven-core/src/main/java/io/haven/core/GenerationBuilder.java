package io.haven.core;

import io.haven.config.ConfigException;
import io.haven.config.Diagnostic;
import io.haven.config.model.Config;
import io.haven.config.model.ProxyConfig;
import io.haven.config.model.ServerConfig;
import io.haven.config.model.UseBackendRule;
import io.haven.core.acl.AclCompiler;
import io.haven.core.acl.Lookup;
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
        Lookup lookup = new Lookup() {
            @Override
            public Backend backend(String name) {
                return backends.get(name);
            }

            @Override
            public Frontend frontend(String name) {
                return frontends.get(name);
            }
        };
        for (Frontend f : frontends.values()) {
            ProxyConfig p = f.config();
            try {
                AclCompiler acls = new AclCompiler(p, lookup);
                List<SwitchingRule> rules = new ArrayList<>();
                for (UseBackendRule r : p.useBackends()) {
                    rules.add(new SwitchingRule(backends.get(r.backend()),
                            acls.condition(r.condition(), r.location(), "use_backend")));
                }
                Backend fallback = p.defaultBackend() != null ? backends.get(p.defaultBackend())
                        : p.kind().hasBackend() ? backends.get(p.name()) : null;
                f.init(rules, fallback);
                f.logFormat(io.haven.core.log.HttpLogFormats.of(p));
            } catch (ConfigException e) {
                errors.addAll(e.diagnostics());
            }
        }
        for (Backend b : backends.values()) {
            if (!b.config().kind().hasFrontend() && !b.config().acls().isEmpty()) {
                try {
                    new AclCompiler(b.config(), lookup);
                } catch (ConfigException e) {
                    errors.addAll(e.diagnostics());
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        long number = previous == null ? 1 : previous.number() + 1;
        return new Generation(number, config, frontends, backends, events, ProxyLog.of(config.global().logs()));
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
