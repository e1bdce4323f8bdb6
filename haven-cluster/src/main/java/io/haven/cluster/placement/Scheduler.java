package io.haven.cluster.placement;

import io.haven.cluster.state.ClusterState;
import io.haven.cluster.state.Colocation;
import io.haven.cluster.state.FailCount;
import io.haven.cluster.state.Order;
import io.haven.cluster.state.ResourceDefinition;
import io.haven.cluster.state.Score;
import io.haven.cluster.state.TargetRole;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Pacemaker's scheduler, simplified: from a {@link ClusterState} and the time, decides where each
 * resource runs and which actions get there. Pure and deterministic: no threads, no clock, no I/O;
 * the same state and time always give the same plan.
 * <p>
 * Placement follows Pacemaker's documented rules: a resource runs on the node with the highest
 * non-negative score; scores add location constraints and stickiness on the node where it runs,
 * with Pacemaker's INFINITY arithmetic; offline, standby, witness and maintenance nodes and nodes
 * where failures reached {@code migration-threshold} (until {@code failure-timeout} or cleanup)
 * are out. Resources are placed after those they are colocated with; an INFINITY colocation keeps a
 * resource with (or, -INFINITY, away from) the other, a finite one adds its score there; the
 * dependents' preferences also weigh on the placement of the resource they follow, unless that
 * would leave it nowhere. A mandatory order stops {@code then} when {@code first} cannot run.
 * Ties go to the current node, then to the first node in configuration order.
 */
public final class Scheduler {

    public Plan plan(ClusterState state, long now) {
        Map<String, ResourceFacts> facts = new LinkedHashMap<>();
        for (ResourceDefinition r : state.definition().resources()) {
            facts.put(r.name(), ResourceFacts.of(state, r.name(), now));
        }
        TreeSet<String> orphans = new TreeSet<>();
        state.observed().values().forEach(byResource -> byResource.keySet().stream()
                .filter(r -> state.definition().resource(r).isEmpty()).forEach(orphans::add));
        for (String r : orphans) {
            facts.put(r, ResourceFacts.of(state, r, now));
        }

        Map<String, String> target = new HashMap<>();
        Map<String, String> reasons = new HashMap<>();
        Map<String, Map<String, Integer>> scores = new HashMap<>();
        for (String r : allocationOrder(state)) {
            allocate(state, now, facts, r, target, reasons, scores);
        }
        propagateUnrunnable(state, facts, target, reasons);
        for (String r : orphans) {
            reasons.put(r, "no longer configured");
        }

        List<Placement> placements = new ArrayList<>();
        for (ResourceFacts f : facts.values()) {
            placements.add(new Placement(f.resource(), target.get(f.resource()), f.managed(),
                    f.managed() ? reasons.get(f.resource()) : f.unmanagedReason(),
                    scores.getOrDefault(f.resource(), Map.of())));
        }
        ActionPlanner actions = new ActionPlanner(state, facts, target, reasons, orderRanks(state));
        actions.plan();
        return new Plan(placements, actions.actions(), actions.pending(), recheckAt(state, now));
    }

    private void allocate(ClusterState s, long now, Map<String, ResourceFacts> facts, String r,
            Map<String, String> target, Map<String, String> reasons, Map<String, Map<String, Integer>> allScores) {
        ResourceFacts f = facts.get(r);
        ResourceDefinition def = f.definition();
        Map<String, Integer> scores = new LinkedHashMap<>(NodeScores.base(s, def, now));
        allScores.put(r, scores);
        if (!f.managed()) {
            target.put(r, f.current());
            return;
        }
        if (s.targetRole(r) == TargetRole.STOPPED) {
            reasons.put(r, "target role is stopped");
            return;
        }
        for (Colocation c : s.definition().colocations()) {
            if (c.resource().equals(r)) {
                String with = target.get(c.withResource());
                for (var e : scores.entrySet()) {
                    boolean there = e.getKey().equals(with);
                    if (c.score() >= Score.INFINITY && !there) {
                        e.setValue(-Score.INFINITY);
                    } else if (there) {
                        e.setValue(Score.add(e.getValue(), c.score()));
                    }
                }
            }
        }
        for (Colocation c : s.definition().colocations()) {
            ResourceFacts dependent = facts.get(c.resource());
            if (c.withResource().equals(r) && c.score() > 0 && dependent.managed()
                    && s.targetRole(c.resource()) == TargetRole.STARTED) {
                Map<String, Integer> theirs = NodeScores.base(s, dependent.definition(), now);
                Map<String, Integer> merged = new LinkedHashMap<>();
                scores.forEach((node, v) -> merged.put(node, Score.add(v, scale(theirs.get(node), c.score()))));
                if (NodeScores.anyRunnable(merged) || !NodeScores.anyRunnable(scores)) {
                    scores.putAll(merged);
                }
            }
        }
        // a resource that failed where it ran is still active there (Pacemaker's "FAILED node"):
        // ties recover it in place, as on-fail restart means
        String best = NodeScores.best(scores, f.current());
        if (best == null) {
            reasons.put(r, s.definition().colocations().stream()
                    .filter(c -> c.resource().equals(r) && c.score() >= Score.INFINITY && target.get(c.withResource()) == null)
                    .map(c -> "'" + c.withResource() + "' cannot run (colocation " + c.id() + ")")
                    .findFirst().orElse("no node can run it"));
        } else {
            target.put(r, best);
        }
    }

    /** A dependent's score weighed by the colocation score: all of it for INFINITY, a share otherwise. */
    private static int scale(int score, int colocation) {
        if (colocation >= Score.INFINITY) {
            return score;
        }
        return (int) ((long) score * colocation / Score.INFINITY);
    }

    /** Mandatory orders and INFINITY colocations: what depends on a resource that cannot run cannot run either. */
    private static void propagateUnrunnable(ClusterState s, Map<String, ResourceFacts> facts, Map<String, String> target,
            Map<String, String> reasons) {
        boolean changed = true;
        for (int round = 0; changed && round <= facts.size(); round++) {
            changed = false;
            for (Order o : s.definition().orders()) {
                if (target.get(o.first()) == null && target.get(o.then()) != null && facts.get(o.then()).managed()) {
                    target.remove(o.then());
                    reasons.put(o.then(), "'" + o.first() + "' cannot run and must start first (order " + o.id() + ")");
                    changed = true;
                }
            }
            for (Colocation c : s.definition().colocations()) {
                if (c.score() >= Score.INFINITY && target.get(c.withResource()) == null && target.get(c.resource()) != null
                        && facts.get(c.resource()).managed()) {
                    target.remove(c.resource());
                    reasons.put(c.resource(), "'" + c.withResource() + "' cannot run (colocation " + c.id() + ")");
                    changed = true;
                }
            }
        }
    }

    /** Resources in configuration order, each after the resources it is colocated with. */
    private static List<String> allocationOrder(ClusterState s) {
        return topological(s, s.definition().colocations(), Colocation::withResource, Colocation::resource);
    }

    /** Rank of each resource along the order constraints: firsts before thens. */
    private static Map<String, Integer> orderRanks(ClusterState s) {
        List<String> sorted = topological(s, s.definition().orders(), Order::first, Order::then);
        Map<String, Integer> ranks = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            ranks.put(sorted.get(i), i);
        }
        return ranks;
    }

    private static <T> List<String> topological(ClusterState s, List<T> edges, Function<T, String> before,
            Function<T, String> after) {
        List<String> remaining = new ArrayList<>(s.definition().resources().stream().map(ResourceDefinition::name).toList());
        List<String> sorted = new ArrayList<>();
        while (!remaining.isEmpty()) {
            String next = remaining.stream()
                    .filter(r -> edges.stream().noneMatch(e -> after.apply(e).equals(r) && remaining.contains(before.apply(e))))
                    .findFirst()
                    .orElse(remaining.get(0)); // a cycle (the configuration rejects them): fall back to file order
            remaining.remove(next);
            sorted.add(next);
        }
        return sorted;
    }

    /** The earliest future expiry of a failure that still counts, so the leader plans again then. */
    private static Long recheckAt(ClusterState s, long now) {
        long earliest = Long.MAX_VALUE;
        for (var byResource : s.failures().entrySet()) {
            long timeout = s.definition().resource(byResource.getKey()).map(ResourceDefinition::failureTimeoutMs).orElse(0L);
            for (FailCount f : byResource.getValue().values()) {
                long at = f.expiresAt(timeout);
                if (f.count() > 0 && at > now) {
                    earliest = Math.min(earliest, at);
                }
            }
        }
        return earliest == Long.MAX_VALUE ? null : earliest;
    }
}
