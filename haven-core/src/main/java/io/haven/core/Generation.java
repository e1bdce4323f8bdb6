package io.haven.core;

import io.haven.config.model.Config;
import io.haven.core.log.ProxyLog;
import io.haven.core.map.MapRegistry;
import io.haven.core.server.Server;
import io.haven.core.server.ServerEvents;
import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

/**
 * One configuration turned into runtime objects. A reload builds a new generation, carries
 * server state over by name, and swaps it in for new connections; old connections keep the
 * generation they started with until they end.
 */
public final class Generation {
    private final long number;
    private final Config config;
    private final Map<String, Frontend> frontends;
    private final Map<String, Backend> backends;
    private final ServerEvents events;
    private final ProxyLog globalLog;
    private final long createdMillis = System.currentTimeMillis();
    private final MapRegistry maps;
    /**
     * Services {@code http-request use-service NAME} hands requests to: the built-in ones provided
     * by other modules (the Prometheus exporter), Lua's bound once the generation's scripts loaded.
     */
    private final Map<String, io.haven.core.http.HttpService> httpServices = new java.util.concurrent.ConcurrentHashMap<>();
    private final io.haven.core.extension.Extensions extensions;

    Generation(long number, Config config, Map<String, Frontend> frontends, Map<String, Backend> backends,
               ServerEvents events, ProxyLog globalLog) {
        this(number, config, frontends, backends, events, globalLog, new MapRegistry());
    }

    Generation(long number, Config config, Map<String, Frontend> frontends, Map<String, Backend> backends,
               ServerEvents events, ProxyLog globalLog, MapRegistry maps) {
        this(number, config, frontends, backends, events, globalLog, maps, new io.haven.core.extension.Extensions());
    }

    Generation(long number, Config config, Map<String, Frontend> frontends, Map<String, Backend> backends,
               ServerEvents events, ProxyLog globalLog, MapRegistry maps, io.haven.core.extension.Extensions extensions) {
        this.extensions = extensions;
        this.maps = maps;
        this.number = number;
        this.config = config;
        this.frontends = Collections.unmodifiableMap(frontends);
        this.backends = Collections.unmodifiableMap(backends);
        this.events = events;
        this.globalLog = globalLog;
    }

    /** Provides service {@code name} (built-in, {@link io.haven.core.http.HttpServiceNames}, or {@code lua.NAME}) to this generation's rules. */
    public void provideHttpService(String name, io.haven.core.http.HttpService service) {
        httpServices.put(name, java.util.Objects.requireNonNull(service));
    }

    public long number() {
        return number;
    }

    public Config config() {
        return config;
    }

    public Collection<Frontend> frontends() {
        return frontends.values();
    }

    public Collection<Backend> backends() {
        return backends.values();
    }

    public Optional<Frontend> frontend(String name) {
        return Optional.ofNullable(frontends.get(name));
    }

    public Optional<Backend> backend(String name) {
        return Optional.ofNullable(backends.get(name));
    }

    /** Finds a server by HAProxy's {@code backend/server} reference. */
    public Optional<Server> server(String ref) {
        int slash = ref.indexOf('/');
        if (slash < 0) {
            return Optional.empty();
        }
        return backend(ref.substring(0, slash)).flatMap(b -> b.server(ref.substring(slash + 1)));
    }

    public ServerEvents events() {
        return events;
    }

    /** The process log ({@code log} lines of the global section). */
    public ProxyLog globalLog() {
        return globalLog;
    }

    /** The map files of this generation, for the runtime API's map commands. */
    /** The {@code lua.NAME} actions, fetches and converters of this generation, bound once its scripts are loaded. */
    public io.haven.core.extension.Extensions extensions() {
        return extensions;
    }

    public MapRegistry maps() {
        return maps;
    }

    /** The service {@code http-request use-service NAME} names, or null when none is provided. */
    public io.haven.core.http.HttpService httpService(String name) {
        return httpServices.get(name);
    }

    public long createdMillis() {
        return createdMillis;
    }
}
