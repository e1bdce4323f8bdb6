package io.haven.cluster.placement;

import java.util.List;
import java.util.Optional;

/**
 * The scheduler's answer for one state: the placement of every resource, the actions that may run
 * now (stops first, in reverse order-constraint order, then probes, then starts in order), the
 * actions that must wait for a later state, and when to plan again even if nothing changes
 * (a failure expiring), if ever.
 * <p>
 * Actions are safe to run concurrently: a start is only planned once every stop and probe it
 * depends on is confirmed in the state, so executors report results and the leader plans again.
 */
public record Plan(List<Placement> placements, List<Action> actions, List<PendingAction> pending, Long recheckAt) {
    public Plan {
        placements = List.copyOf(placements);
        actions = List.copyOf(actions);
        pending = List.copyOf(pending);
    }

    public Optional<Placement> placement(String resource) {
        return placements.stream().filter(p -> p.resource().equals(resource)).findFirst();
    }

    /** The node the resource should run on, if any. */
    public Optional<String> nodeOf(String resource) {
        return placement(resource).map(Placement::node);
    }

    /** Actions for one node's executor, in plan order. */
    public List<Action> actionsFor(String node) {
        return actions.stream().filter(a -> a.node().equals(node)).toList();
    }

    public Optional<Long> recheck() {
        return Optional.ofNullable(recheckAt);
    }
}
