package io.haven.cluster.state;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * The whole replicated cluster state, Pacemaker's CIB: the configured definition, node attributes,
 * cluster-wide maintenance, operator overrides (target roles and move/ban locations), failure counts
 * and what each node's executor last observed. Every node applies the same commands in the same
 * order, so every node holds an equal state; maps are sorted so the encoding is identical too.
 *
 * @param revision how many commands were applied (Pacemaker's epoch and num_updates in one)
 * @param nodes the definition's voters in configuration order, with their attributes
 * @param targetRoles operator-set target roles by resource; absent means the definition's
 * @param operatorLocations {@code cli-prefer-*} and {@code cli-ban-*} locations from move and ban
 * @param failures resource -> node -> failure count
 * @param observed node -> resource -> last report; a missing entry on an online node means unknown
 * @param clock the cluster's committed time (epoch ms): the newest time a command carried. Every
 *     node plans with it rather than its own clock, so all nodes reach the same plan from the same state
 */
public record ClusterState(
        long revision,
        ClusterDefinition definition,
        List<NodeState> nodes,
        boolean maintenance,
        Map<String, TargetRole> targetRoles,
        List<Location> operatorLocations,
        Map<String, Map<String, FailCount>> failures,
        Map<String, Map<String, Observation>> observed,
        long clock) {

    public ClusterState {
        nodes = List.copyOf(nodes);
        targetRoles = sorted(targetRoles);
        operatorLocations = List.copyOf(operatorLocations);
        failures = sortedNested(failures);
        observed = sortedNested(observed);
    }

    /** The state before any command: no definition, no nodes. */
    public static ClusterState empty() {
        return new ClusterState(0, ClusterDefinition.empty(), List.of(), false, Map.of(), List.of(), Map.of(), Map.of(), 0);
    }

    public Optional<NodeState> node(String name) {
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public Optional<Observation> observation(String node, String resource) {
        return Optional.ofNullable(observed.getOrDefault(node, Map.of()).get(resource));
    }

    public Optional<FailCount> failCount(String resource, String node) {
        return Optional.ofNullable(failures.getOrDefault(resource, Map.of()).get(node));
    }

    /** The role the resource should have: the operator's if set, else stopped when disabled in the configuration. */
    public TargetRole targetRole(String resource) {
        TargetRole set = targetRoles.get(resource);
        if (set != null) {
            return set;
        }
        return definition.resource(resource).map(r -> r.disabled() ? TargetRole.STOPPED : TargetRole.STARTED)
                .orElse(TargetRole.STOPPED);
    }

    /** Configured locations followed by the operator's. */
    public List<Location> allLocations() {
        List<Location> all = new ArrayList<>(definition.locations());
        all.addAll(operatorLocations);
        return all;
    }

    // ---- copies with one part changed; used by the commands ----

    ClusterState next() {
        return new ClusterState(revision + 1, definition, nodes, maintenance, targetRoles, operatorLocations, failures, observed, clock);
    }

    ClusterState withDefinition(ClusterDefinition d, List<NodeState> n) {
        return new ClusterState(revision, d, n, maintenance, targetRoles, operatorLocations, failures, observed, clock);
    }

    ClusterState withNode(String name, UnaryOperator<NodeState> change) {
        List<NodeState> n = nodes.stream().map(x -> x.name().equals(name) ? change.apply(x) : x).toList();
        return new ClusterState(revision, definition, n, maintenance, targetRoles, operatorLocations, failures, observed, clock);
    }

    ClusterState withMaintenance(boolean m) {
        return new ClusterState(revision, definition, nodes, m, targetRoles, operatorLocations, failures, observed, clock);
    }

    ClusterState withTargetRoles(Map<String, TargetRole> t) {
        return new ClusterState(revision, definition, nodes, maintenance, t, operatorLocations, failures, observed, clock);
    }

    ClusterState withOperatorLocations(List<Location> l) {
        return new ClusterState(revision, definition, nodes, maintenance, targetRoles, l, failures, observed, clock);
    }

    ClusterState withFailures(Map<String, Map<String, FailCount>> f) {
        return new ClusterState(revision, definition, nodes, maintenance, targetRoles, operatorLocations, f, observed, clock);
    }

    ClusterState withObserved(Map<String, Map<String, Observation>> o) {
        return new ClusterState(revision, definition, nodes, maintenance, targetRoles, operatorLocations, failures, o, clock);
    }

    /** The clock moved to {@code at} if that is later (clocks of different nodes may disagree; time never goes back). */
    ClusterState withClock(long at) {
        return new ClusterState(revision, definition, nodes, maintenance, targetRoles, operatorLocations, failures, observed,
                Math.max(clock, at));
    }

    /** A mutable deep copy of a nested map, to edit and hand back to a {@code with...} method. */
    static <V> Map<String, Map<String, V>> editable(Map<String, Map<String, V>> m) {
        Map<String, Map<String, V>> copy = new TreeMap<>();
        m.forEach((k, v) -> copy.put(k, new TreeMap<>(v)));
        return copy;
    }

    private static <V> Map<String, V> sorted(Map<String, V> m) {
        return Collections.unmodifiableMap(new TreeMap<>(m));
    }

    private static <V> Map<String, Map<String, V>> sortedNested(Map<String, Map<String, V>> m) {
        Map<String, Map<String, V>> copy = new TreeMap<>();
        m.forEach((k, v) -> {
            if (!v.isEmpty()) {
                copy.put(k, sorted(v));
            }
        });
        return Collections.unmodifiableMap(copy);
    }
}
