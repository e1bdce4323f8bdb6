package io.haven.admin.stats;

import io.haven.config.ConfigException;
import io.haven.config.Diagnostic;
import io.haven.config.model.ProxyConfig;
import io.haven.config.model.ProxyMode;
import io.haven.config.model.StatsConfig;
import io.haven.core.Backend;
import io.haven.core.Frontend;
import io.haven.core.Generation;
import io.haven.core.acl.AclCompiler;
import io.haven.core.acl.CompiledCondition;
import io.haven.core.acl.Lookup;
import io.haven.core.http.HttpServiceNames;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Gives a new generation the {@code prometheus-exporter} service ({@link PrometheusExporter},
 * for {@code http-request use-service}) and installs a {@link StatsPage} on every proxy that has
 * {@code stats enable}:
 * on its frontend (frontend, listen) or its backend (a backend reached through switching rules,
 * as in HAProxy). Runs while the generation is built, before it serves, so that a page that
 * cannot work (a tcp proxy, an unknown ACL in {@code stats admin}) fails the start, the check or
 * the reload with file:line like any other error.
 */
public final class StatsPages {
    private StatsPages() {
    }

    /**
     * @param live    the generation serving new connections once this one is swapped in; null
     *                until then, when the page shows {@code g}
     * @param version the version shown on the page
     */
    public static void install(Generation g, Supplier<Generation> live, String version) throws ConfigException {
        List<Diagnostic> errors = new ArrayList<>();
        Supplier<Generation> shown = () -> {
            Generation now = live.get();
            return now == null || now.number() < g.number() ? g : now;
        };
        g.provideHttpService(HttpServiceNames.PROMETHEUS_EXPORTER, new PrometheusExporter(shown));
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
        for (ProxyConfig p : g.config().proxies()) {
            StatsConfig s = p.stats();
            if (!s.enabled()) {
                continue;
            }
            if (p.mode() != ProxyMode.HTTP) {
                errors.add(new Diagnostic(s.location(), "stats", "the statistics page of proxy '" + p.name()
                        + "' needs 'mode http' (it is 'mode tcp')"));
                continue;
            }
            try {
                CompiledCondition admin = s.admin() == null ? null
                        : new AclCompiler(p, lookup).condition(s.admin(), s.adminAt(), "stats admin");
                StatsPage page = new StatsPage(p.name(), s, admin, shown, version);
                if (p.kind().hasFrontend()) {
                    g.frontend(p.name()).orElseThrow().addHttpService(page);
                } else {
                    g.backend(p.name()).orElseThrow().addHttpService(page);
                }
            } catch (ConfigException e) {
                errors.addAll(e.diagnostics());
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
    }
}
