package io.haven.core.http;

import io.haven.config.ConfigException;
import io.haven.config.Diagnostic;
import io.haven.config.model.HttpRuleConfig;
import io.haven.config.model.ProxyConfig;
import io.haven.core.Backend;
import io.haven.core.Frontend;
import io.haven.core.Generation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Binds the names of a generation's {@code http-request use-service} rules to services, once the
 * services are known (Lua is loaded after the rules are compiled). An unknown name, or a service
 * that cannot serve HTTP, is an error naming the rule's file and line.
 */
public final class HttpServiceRules {

    /** Finds a service by configuration name: null if none, an IllegalArgumentException if it cannot serve HTTP. */
    @FunctionalInterface
    public interface Resolver {
        HttpService resolve(String name);
    }

    private HttpServiceRules() {
    }

    public static void install(Generation g, Resolver services) throws ConfigException {
        List<Diagnostic> errors = new ArrayList<>();
        Set<ProxyConfig> proxies = new LinkedHashSet<>();
        g.frontends().stream().map(Frontend::config).forEach(proxies::add);
        g.backends().stream().map(Backend::config).forEach(proxies::add);
        for (ProxyConfig p : proxies) {
            for (HttpRuleConfig r : p.httpRules().request()) {
                if (!r.action().equals("use-service") || r.args().size() != 1) {
                    continue;
                }
                String name = r.args().get(0);
                if (HttpServiceNames.ALL.contains(name)) {
                    continue; // built in: provided by the module that has it (StatsPages)
                }
                try {
                    HttpService s = services.resolve(name);
                    if (s == null) {
                        errors.add(new Diagnostic(r.location(), "http-request use-service", "unknown service '" + name + "'"
                                + (name.startsWith("lua.") ? " (no Lua script registered an 'http' service of that name)"
                                : " (Haven's services are prometheus-exporter and the Lua 'http' services, named lua.NAME)")));
                    } else {
                        g.provideHttpService(name, s);
                    }
                } catch (IllegalArgumentException e) {
                    errors.add(new Diagnostic(r.location(), "http-request use-service", e.getMessage()));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }
}
