package io.haven.config.model;

import java.util.List;
import java.util.Optional;

/**
 * A whole parsed configuration: the global section, every frontend, backend and listen section,
 * the cluster (null when the file has no {@code cluster} section) and the {@code userlist} sections.
 */
public record Config(List<String> files, GlobalSettings global, List<ProxyConfig> proxies, ClusterConfig cluster,
                     List<UserlistConfig> userlists) {
    public Config {
        files = List.copyOf(files);
        proxies = List.copyOf(proxies);
        userlists = List.copyOf(userlists);
    }

    /** A configuration without userlists. */
    public Config(List<String> files, GlobalSettings global, List<ProxyConfig> proxies, ClusterConfig cluster) {
        this(files, global, proxies, cluster, List.of());
    }

    public Optional<UserlistConfig> userlist(String name) {
        return userlists.stream().filter(u -> u.name().equals(name)).findFirst();
    }

    /** A configuration without a cluster. */
    public Config(List<String> files, GlobalSettings global, List<ProxyConfig> proxies) {
        this(files, global, proxies, null);
    }

    public Optional<ClusterConfig> clusterConfig() {
        return Optional.ofNullable(cluster);
    }

    public Optional<ProxyConfig> proxy(String name) {
        return proxies.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Proxies that accept connections (frontend and listen sections). */
    public List<ProxyConfig> frontends() {
        return proxies.stream().filter(p -> p.kind().hasFrontend()).toList();
    }

    /** Proxies that hold servers (backend and listen sections). */
    public List<ProxyConfig> backends() {
        return proxies.stream().filter(p -> p.kind().hasBackend()).toList();
    }
}
