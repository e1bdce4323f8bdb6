package io.haven.cluster.state;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.haven.cluster.agent.OcfStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A change to the {@link ClusterState}, as carried by the Raft log. {@link #apply} is pure and
 * deterministic: every replica applying the same commands in the same order holds an equal state.
 * A command naming a node or resource the state does not know changes nothing but the revision
 * (callers validate before submitting; the log must never fail to apply).
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = ClusterCommand.LoadConfig.class, name = "load-config"),
        @JsonSubTypes.Type(value = ClusterCommand.NodeJoined.class, name = "node-joined"),
        @JsonSubTypes.Type(value = ClusterCommand.NodeLeft.class, name = "node-left"),
        @JsonSubTypes.Type(value = ClusterCommand.SetStandby.class, name = "set-standby"),
        @JsonSubTypes.Type(value = ClusterCommand.SetNodeMaintenance.class, name = "set-node-maintenance"),
        @JsonSubTypes.Type(value = ClusterCommand.SetMaintenance.class, name = "set-maintenance"),
        @JsonSubTypes.Type(value = ClusterCommand.SetTargetRole.class, name = "set-target-role"),
        @JsonSubTypes.Type(value = ClusterCommand.Move.class, name = "move"),
        @JsonSubTypes.Type(value = ClusterCommand.Clear.class, name = "clear"),
        @JsonSubTypes.Type(value = ClusterCommand.Cleanup.class, name = "cleanup"),
        @JsonSubTypes.Type(value = ClusterCommand.RecordOperation.class, name = "record-operation"),
        @JsonSubTypes.Type(value = ClusterCommand.Tick.class, name = "tick")})
public sealed interface ClusterCommand {

    /** The state after this command; never throws. */
    ClusterState apply(ClusterState state);

    /**
     * Loads (or reloads) the configured definition. Node attributes, failures and overrides are
     * kept for names that still exist; new nodes start offline. Observations of removed resources
     * are kept, so the scheduler stops them where they still run.
     */
    record LoadConfig(ClusterDefinition definition) implements ClusterCommand {
        @Override
        public ClusterState apply(ClusterState s) {
            List<NodeState> nodes = definition.nodes().stream()
                    .map(d -> s.node(d.name()).map(n -> new NodeState(d.name(), d.witness(), n.online(), n.standby(),
                            n.maintenance())).orElse(new NodeState(d.name(), d.witness(), false, false, false)))
                    .toList();
            Map<String, TargetRole> roles = new TreeMap<>(s.targetRoles());
            roles.keySet().removeIf(r -> definition.resource(r).isEmpty());
            List<Location> overrides = s.operatorLocations().stream()
                    .filter(l -> definition.resource(l.resource()).isPresent() && definition.node(l.node()).isPresent())
                    .toList();
            var failures = ClusterState.editable(s.failures());
            failures.keySet().removeIf(r -> definition.resource(r).isEmpty());
            failures.values().forEach(byNode -> byNode.keySet().removeIf(n -> definition.node(n).isEmpty()));
            var observed = ClusterState.editable(s.observed());
            observed.keySet().removeIf(n -> definition.node(n).isEmpty());
            return s.withDefinition(definition, nodes).withTargetRoles(roles).withOperatorLocations(overrides)
                    .withFailures(failures).withObserved(observed).next();
        }
    }

    /**
     * Membership saw the node join. A node coming back online forgets what was observed on it, so
     * the scheduler probes it before starting anything it might already run.
     */
    record NodeJoined(String node) implements ClusterCommand {
        @Override
        public ClusterState apply(ClusterState s) {
            boolean wasOnline = s.node(node).map(NodeState::online).orElse(true);
            if (wasOnline) {
                return s.next();
            }
            var observed = ClusterState.editable(s.observed());
            observed.remove(node);
            return s.withNode(node, n -> n.withOnline(true)).withObserved(observed).next();
        }
    }

    /**
     * Membership lost the node. What it ran is forgotten: a node without quorum stops its resources
     * (no-quorum-policy stop), so the rest of the cluster may start them elsewhere.
     */
    record NodeLeft(String node) implements ClusterCommand {
        @Override
        public ClusterState apply(ClusterState s) {
            var observed = ClusterState.editable(s.observed());
            observed.remove(node);
            return s.withNode(node, n -> n.withOnline(false)).withObserved(observed).next();
        }
    }

    /** {@code standby}: the node runs no resources; {@code unstandby} clears it. */
    record SetStandby(String node, boolean standby) implements ClusterCommand {
        @Override
        public ClusterState apply(ClusterState s) {
            return s.withNode(node, n -> n.withStandby(standby)).next();
        }
    }

    /** Node maintenance: the scheduler neither starts, stops nor probes anything on the node. */
    record SetNodeMaintenance(String node, boolean maintenance) implements ClusterCommand {
        @Override
        public ClusterState apply(ClusterState s) {
            return s.withNode(node, n -> n.withMaintenance(maintenance)).next();
        }
    }

    /** Cluster-wide maintenance mode: the scheduler plans no action at all. */
    record SetMaintenance(boolean maintenance) implements ClusterCommand {
        @Override
        public ClusterState apply(ClusterState s) {
            return s.withMaintenance(maintenance).next();
        }
    }

    /** Starts or stops a resource by intent, as Pacemaker's target-role (pcs resource enable/disable). */
    record SetTargetRole(String resource, TargetRole role) implements ClusterCommand {
        @Override
        public ClusterState apply(ClusterState s) {
            if (s.definition().resource(resource).isEmpty()) {
                return s.next();
            }
            Map<String, TargetRole> roles = new TreeMap<>(s.targetRoles());
            roles.put(resource, role);
            return s.withTargetRoles(roles).next();
        }
    }

    /**
     * {@code crm_resource --move}: with a node, prefer it with INFINITY ({@code cli-prefer-RSC},
     * replacing an earlier one and lifting a ban of this resource from that node); without one, ban
     * the resource from the single node where it runs ({@code cli-ban-RSC-on-NODE}). Stays until
     * {@link Clear}.
     */
    record Move(String resource, String node) implements ClusterCommand {
        @Override
        public ClusterState apply(ClusterState s) {
            if (s.definition().resource(resource).isEmpty()) {
                return s.next();
            }
            List<Location> overrides = new ArrayList<>(s.operatorLocations());
            if (node != null) {
                if (s.definition().node(node).isEmpty()) {
                    return s.next();
                }
                Location prefer = Location.prefer(resource, node);
                Location ban = Location.ban(resource, node);
                overrides.removeIf(l -> l.id().equals(prefer.id()) || l.id().equals(ban.id()));
                overrides.add(prefer);
            } else {
                List<String> running = s.nodes().stream().filter(NodeState::online).map(NodeState::name)
                        .filter(n -> s.observation(n, resource).map(o -> o.role() == Role.STARTED).orElse(false))
                        .toList();
                if (running.size() != 1) {
                    return s.next();
                }
                Location ban = Location.ban(resource, running.get(0));
                overrides.removeIf(l -> l.id().equals(ban.id()));
                overrides.add(ban);
            }
            return s.withOperatorLocations(overrides).next();
        }
    }

    /** {@code crm_resource --clear}: drops the resource's move and ban locations (only those naming {@code node}, if given). */
    record Clear(String resource, String node) implements ClusterCommand {
        @Override
        public ClusterState apply(ClusterState s) {
            List<Location> overrides = s.operatorLocations().stream()
                    .filter(l -> !(l.resource().equals(resource) && (node == null || l.node().equals(node))))
                    .toList();
            return s.withOperatorLocations(overrides).next();
        }
    }

    /**
     * {@code crm_resource --cleanup}: forgets failures and observations of the resource (every
     * resource when null) on the node (every node when null), so the scheduler re-probes it.
     */
    record Cleanup(String resource, String node) implements ClusterCommand {
        @Override
        public ClusterState apply(ClusterState s) {
            var failures = ClusterState.editable(s.failures());
            failures.forEach((r, byNode) -> {
                if (resource == null || r.equals(resource)) {
                    byNode.keySet().removeIf(n -> node == null || n.equals(node));
                }
            });
            var observed = ClusterState.editable(s.observed());
            observed.forEach((n, byResource) -> {
                if (node == null || n.equals(node)) {
                    byResource.keySet().removeIf(r -> resource == null || r.equals(resource));
                }
            });
            return s.withFailures(failures).withObserved(observed).next();
        }
    }

    /**
     * An executor's report of one operation of a resource on its node, stamped by the reporter;
     * see {@link OperationResults} for how results become roles and failure counts. Reports from a
     * node the state holds offline are ignored.
     */
    record RecordOperation(String node, String resource, Operation operation, OcfStatus result, long at, String message)
            implements ClusterCommand {
        @Override
        public ClusterState apply(ClusterState s) {
            if (!s.node(node).map(NodeState::online).orElse(false)) {
                return s.next();
            }
            return OperationResults.record(s, this).withClock(at).next();
        }
    }

    /**
     * The leader moves the cluster's clock ({@link ClusterState#clock()}), so that failure
     * timeouts expire at the same revision on every node.
     */
    record Tick(long at) implements ClusterCommand {
        @Override
        public ClusterState apply(ClusterState s) {
            return s.withClock(at).next();
        }
    }
}
