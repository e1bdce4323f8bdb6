package io.haven.config;

import io.haven.config.model.ClusterConfig;
import io.haven.config.model.ClusterNodeConfig;
import io.haven.config.model.ColocationConfig;
import io.haven.config.model.LocationConfig;
import io.haven.config.model.NoQuorumPolicy;
import io.haven.config.model.OrderConfig;
import io.haven.config.model.QuorumArbiterConfig;
import io.haven.config.model.QuorumMode;
import io.haven.config.model.ResourceConfig;
import java.util.ArrayList;
import java.util.List;

/** Mutable {@code cluster} section while parsing; the defaults are those {@link ClusterConfig} documents. */
final class ClusterBuilder {
    final String name;
    final SourceLocation location;
    final List<ClusterNodeConfig> nodes = new ArrayList<>();
    QuorumMode quorum = QuorumMode.MAJORITY;
    SourceLocation quorumAt;
    QuorumArbiterConfig arbiter;
    NoQuorumPolicy noQuorumPolicy = NoQuorumPolicy.STOP;
    int resourceStickiness;
    int migrationThreshold = ClusterConfig.INFINITY;
    long failureTimeoutMs;
    String stateDir = ClusterConfig.DEFAULT_STATE_DIR;
    final List<ColocationConfig> colocations = new ArrayList<>();
    final List<OrderConfig> orders = new ArrayList<>();
    final List<LocationConfig> locations = new ArrayList<>();

    ClusterBuilder(String name, SourceLocation location) {
        this.name = name;
        this.location = location;
    }

    ClusterConfig build(List<ResourceBuilder> resources) {
        List<ResourceConfig> built = new ArrayList<>();
        for (ResourceBuilder r : resources) {
            built.add(r.build(this));
        }
        return new ClusterConfig(name, nodes, quorum, arbiter, noQuorumPolicy, resourceStickiness, migrationThreshold,
                failureTimeoutMs, stateDir, colocations, orders, locations, built, location);
    }
}
