package io.haven.config.model;

import io.haven.config.SourceLocation;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code cluster} section and every {@code resource} section: who votes, how quorum is
 * counted, the resource defaults, the constraints and the resources. Scores are Pacemaker's:
 * integers where {@link #INFINITY} (1,000,000) stands for {@code inf}.
 *
 * {@code arbiter} is null unless {@code quorum two_node arbiter ...} names one.
 *
 * <p>Defaults, set by the parser: {@code quorum majority}, {@code no-quorum-policy stop},
 * {@code resource-stickiness 0}, {@code migration-threshold inf} (never ban; 0 also disables),
 * {@code failure-timeout 0} (failures never expire), {@code state-dir /var/lib/haven/cluster}.
 */
public record ClusterConfig(
        String name,
        List<ClusterNodeConfig> nodes,
        QuorumMode quorum,
        QuorumArbiterConfig arbiter,
        NoQuorumPolicy noQuorumPolicy,
        int resourceStickiness,
        int migrationThreshold,
        long failureTimeoutMs,
        String stateDir,
        List<ColocationConfig> colocations,
        List<OrderConfig> orders,
        List<LocationConfig> locations,
        List<ResourceConfig> resources,
        SourceLocation location) {
    /** Pacemaker's INFINITY score. */
    public static final int INFINITY = 1_000_000;
    /** The resource type of Haven's own frontends as a cluster resource. */
    public static final String PROXY_TYPE = "haven-proxy";
    public static final String DEFAULT_STATE_DIR = "/var/lib/haven/cluster";

    public ClusterConfig {
        nodes = List.copyOf(nodes);
        colocations = List.copyOf(colocations);
        orders = List.copyOf(orders);
        locations = List.copyOf(locations);
        resources = List.copyOf(resources);
    }

    /** Members that may run resources, in file order. */
    public List<ClusterNodeConfig> members() {
        return nodes.stream().filter(n -> !n.witness()).toList();
    }

    public Optional<ClusterNodeConfig> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    /** Frontends that {@value #PROXY_TYPE} resources bind where they run and unbind elsewhere. */
    public Set<String> proxyFrontends() {
        Set<String> out = new LinkedHashSet<>();
        for (ResourceConfig r : resources) {
            if (PROXY_TYPE.equals(r.type()) && r.params().containsKey("frontend")) {
                out.addAll(frontendNames(r.params().get("frontend")));
            }
        }
        return out;
    }

    /** The names in a {@value #PROXY_TYPE} resource's {@code frontend} param: one, or several comma-separated. */
    public static List<String> frontendNames(String param) {
        return Arrays.stream(param.split(",")).map(String::strip).filter(n -> !n.isEmpty()).toList();
    }

    public Optional<ResourceConfig> resource(String name) {
        return resources.stream().filter(r -> r.name().equals(name)).findFirst();
    }
}
