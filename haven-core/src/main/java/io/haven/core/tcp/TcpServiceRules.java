package io.haven.core.tcp;

import io.haven.config.ConfigException;
import io.haven.config.Diagnostic;
import io.haven.config.model.TcpServiceRule;
import io.haven.core.Backend;
import io.haven.core.Frontend;
import io.haven.core.Generation;
import io.haven.core.acl.AclCompiler;
import io.haven.core.acl.CompiledCondition;
import io.haven.core.acl.Lookup;
import io.haven.core.acl.SampleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A frontend's {@code tcp-request content use-service} rules, compiled: {@link #service} returns
 * the first service whose condition holds for a new connection, or null to proxy it as usual.
 */
public final class TcpServiceRules {
    public static final TcpServiceRules NONE = new TcpServiceRules(List.of());

    private record Rule(CompiledCondition condition, TcpService service) {
    }

    private final List<Rule> rules;

    private TcpServiceRules(List<Rule> rules) {
        this.rules = rules;
    }

    public TcpService service(SampleContext ctx) {
        for (int i = 0, n = rules.size(); i < n; i++) {
            Rule r = rules.get(i);
            if (r.condition() == null || r.condition().test(ctx)) {
                return r.service();
            }
        }
        return null;
    }

    /**
     * Compiles every frontend's rules of {@code g} against the services {@code services} knows
     * (by configuration name); an unknown service is an error naming the rule's line.
     */
    public static void install(Generation g, Function<String, Optional<TcpService>> services) throws ConfigException {
        List<Diagnostic> errors = new ArrayList<>();
        Lookup lookup = new Lookup() {
            @Override
            public Backend backend(String name) {
                return g.backend(name).orElse(null);
            }

            @Override
            public Frontend frontend(String name) {
                return g.frontend(name).orElse(null);
            }
        };
        for (Frontend f : g.frontends()) {
            if (f.config().tcpServices().isEmpty()) {
                continue;
            }
            try {
                AclCompiler acls = new AclCompiler(f.config(), lookup);
                List<Rule> compiled = new ArrayList<>();
                for (TcpServiceRule r : f.config().tcpServices()) {
                    Optional<TcpService> svc = services.apply(r.service());
                    if (svc.isEmpty()) {
                        errors.add(new Diagnostic(r.location(), "tcp-request content use-service",
                                "unknown service '" + r.service() + "'" + (r.service().startsWith("lua.")
                                        ? " (no Lua script registered a 'tcp' service of that name)"
                                        : " (Haven's services are the Lua 'tcp' services, named lua.NAME)")));
                        continue;
                    }
                    compiled.add(new Rule(r.condition() == null ? null
                            : acls.condition(r.condition(), r.location(), "tcp-request"), svc.get()));
                }
                f.tcpServices(new TcpServiceRules(List.copyOf(compiled)));
            } catch (ConfigException e) {
                errors.addAll(e.diagnostics());
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }
}
