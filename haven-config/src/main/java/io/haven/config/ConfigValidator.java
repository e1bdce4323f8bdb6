package io.haven.config;

import io.haven.config.model.AclConfig;
import io.haven.config.model.Condition;
import io.haven.config.model.Config;
import io.haven.config.model.ProxyConfig;
import io.haven.config.model.ProxyMode;
import io.haven.config.model.ServerConfig;
import io.haven.config.model.UseBackendRule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a configuration as a whole: names unique, every referenced backend and ACL declared,
 * every frontend listening somewhere, no address bound twice. Sample fetches are checked by
 * haven-core, which owns their catalogue.
 */
final class ConfigValidator {
    private final Config config;
    private final List<Diagnostic> errors = new ArrayList<>();

    ConfigValidator(Config config) {
        this.config = config;
    }

    List<Diagnostic> validate() {
        Map<String, ProxyConfig> frontends = new HashMap<>();
        Map<String, ProxyConfig> backends = new HashMap<>();
        Map<String, BindOwner> binds = new HashMap<>();
        for (ProxyConfig p : config.proxies()) {
            if (p.kind().hasFrontend()) {
                unique(frontends, p);
            }
            if (p.kind().hasBackend()) {
                unique(backends, p);
            }
            if (p.kind().hasFrontend() && p.binds().isEmpty()) {
                error(p.location().toString().isEmpty() ? null : p.location(), p.kind().keyword(),
                        "proxy '" + p.name() + "' has no 'bind' directive; declare it as a backend if this was intended");
            }
            for (var b : p.binds()) {
                BindOwner prev = binds.putIfAbsent(b.describe(), new BindOwner(p.name(), b.location()));
                if (prev != null) {
                    error(b.location(), "bind", "address " + b.describe() + " is already bound by '" + prev.proxy()
                            + "' at " + prev.location());
                }
            }
            servers(p);
        }
        for (ProxyConfig p : config.proxies()) {
            if (!p.kind().hasFrontend()) {
                continue;
            }
            if (p.defaultBackend() != null && !backends.containsKey(p.defaultBackend())) {
                error(p.defaultBackendAt(), "default_backend",
                        "proxy '" + p.name() + "' uses unknown backend '" + p.defaultBackend() + "'");
            } else if (p.defaultBackend() != null) {
                modeMatches(p, backends.get(p.defaultBackend()), p.defaultBackendAt(), "default_backend");
            }
            for (UseBackendRule rule : p.useBackends()) {
                if (!backends.containsKey(rule.backend())) {
                    error(rule.location(), "use_backend", "unknown backend '" + rule.backend() + "'");
                } else {
                    modeMatches(p, backends.get(rule.backend()), rule.location(), "use_backend");
                }
                conditionAcls(p, rule.condition(), rule.location(), "use_backend");
            }
        }
        return errors;
    }

    /** An HTTP frontend cannot hand its requests to a TCP backend (HAProxy refuses it too). */
    private void modeMatches(ProxyConfig frontend, ProxyConfig backend, SourceLocation at, String keyword) {
        if (frontend.mode() == ProxyMode.HTTP && backend.mode() != ProxyMode.HTTP) {
            error(at, keyword, "unable to use proxy '" + backend.name() + "' with wrong mode, required: http, has: "
                    + backend.mode().name().toLowerCase(java.util.Locale.ROOT) + " (in proxy '" + frontend.name() + "')");
        }
    }

    private void servers(ProxyConfig p) {
        Set<String> names = new HashSet<>();
        for (ServerConfig s : p.servers()) {
            if (!names.add(s.name())) {
                error(s.location(), "server", "backend '" + p.name() + "' already has a server named '" + s.name() + "'");
            }
            if (s.agentCheck() && s.agentPort() == 0) {
                error(s.location(), "agent-check", "server '" + p.name() + "/" + s.name()
                        + "' has 'agent-check' but no 'agent-port'");
            }
        }
    }

    private void conditionAcls(ProxyConfig p, Condition c, SourceLocation at, String keyword) {
        if (c == null) {
            return;
        }
        for (List<Condition.Term> all : c.anyOf()) {
            for (Condition.Term t : all) {
                if (t.anonymous() == null && p.acl(t.aclName()).isEmpty() && !PredefinedAcls.NAMES.contains(t.aclName())) {
                    error(at, keyword, "no such ACL : '" + t.aclName() + "' in proxy '" + p.name() + "'");
                }
            }
        }
    }

    private void unique(Map<String, ProxyConfig> seen, ProxyConfig p) {
        ProxyConfig prev = seen.putIfAbsent(p.name(), p);
        if (prev != null) {
            error(p.location(), p.kind().keyword(), "proxy name '" + p.name() + "' is already used by the "
                    + prev.kind().keyword() + " at " + prev.location());
        }
    }

    private void error(SourceLocation at, String keyword, String message) {
        errors.add(new Diagnostic(at, keyword, message));
    }

    private record BindOwner(String proxy, SourceLocation location) {
    }
}
