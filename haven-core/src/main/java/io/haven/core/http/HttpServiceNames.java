package io.haven.core.http;

import java.util.Set;

/**
 * The services {@code http-request use-service NAME} may name: HAProxy 2.6's built-in
 * {@code prometheus-exporter}. A generation gets their implementations from the modules that
 * have them ({@link io.haven.core.Generation#provideHttpService}); Lua HTTP services
 * ({@code lua.NAME}) are not implemented.
 */
public final class HttpServiceNames {
    public static final String PROMETHEUS_EXPORTER = "prometheus-exporter";
    public static final Set<String> ALL = Set.of(PROMETHEUS_EXPORTER);

    private HttpServiceNames() {
    }
}
