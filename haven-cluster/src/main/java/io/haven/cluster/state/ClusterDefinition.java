package io.haven.cluster.state;

import io.haven.config.model.ClusterConfig;
import io.haven.config.model.OperationConfig;
import io.haven.config.model.ResourceConfig;
import java.util.List;
import java.util.Optional;

/**
 * What the configuration says about the cluster: voters in file order (the scheduler's tie-break
 * order), resources in file order, and constraints. It travels in {@link ClusterCommand.LoadConfig}.
 */
public record ClusterDefinition(
        String name,
        List<NodeDefinition> nodes,
        List<ResourceDefinition> resources,
        List<Colocation> colocations,
        List<Order> orders,
        List<Location> locations) {
    public ClusterDefinition {
        nodes = List.copyOf(nodes);
        resources = List.copyOf(resources);
        colocations = List.copyOf(colocations);
        orders = List.copyOf(orders);
        locations = List.copyOf(locations);
    }

    /** The definition of a state that has not loaded a configuration yet. */
    public static ClusterDefinition empty() {
        return new ClusterDefinition("", List.of(), List.of(), List.of(), List.of(), List.of());
    }

    /** Converts a parsed, validated cluster section. */
    public static ClusterDefinition from(ClusterConfig c) {
        return new ClusterDefinition(c.name(),
                c.nodes().stream().map(n -> new NodeDefinition(n.name(), n.witness())).toList(),
                c.resources().stream().map(ClusterDefinition::resource).toList(),
                c.colocations().stream().map(x -> new Colocation(x.id(), x.score(), x.resource(), x.withResource())).toList(),
                c.orders().stream().map(x -> new Order(x.id(), x.first(), x.then())).toList(),
                c.locations().stream().map(x -> new Location(x.id(), x.resource(), x.score(), x.node())).toList());
    }

    private static ResourceDefinition resource(ResourceConfig r) {
        return new ResourceDefinition(r.name(), r.type(), r.params(), op(r.monitor()), op(r.start()), op(r.stop()),
                r.onFail(), r.migrationThreshold(), r.failureTimeoutMs(), r.resourceStickiness(), r.disabled());
    }

    private static OperationSpec op(OperationConfig o) {
        return new OperationSpec(o.intervalMs(), o.timeoutMs());
    }

    public Optional<ResourceDefinition> resource(String name) {
        return resources.stream().filter(r -> r.name().equals(name)).findFirst();
    }

    public Optional<NodeDefinition> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }
}
