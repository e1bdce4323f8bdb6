package io.haven.cluster.placement;

import io.haven.cluster.state.ClusterState;
import io.haven.cluster.state.Order;
import io.haven.cluster.state.Role;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Turns placements into the actions that may run now. Never plans a start while the resource may
 * be active anywhere (started or failed) or unknown on some online node: the stop or the probe comes
 * first, and the start only in a later plan, once the state shows its result. Probes also come
 * before stops of the same resource, since what they find may change where it belongs. Mandatory orders
 * gate starts ({@code then} waits until {@code first} runs where it belongs) and stops in reverse
 * ({@code first} waits until {@code then} is stopped everywhere); a {@code then} whose
 * {@code first} is not settled is stopped, as Pacemaker restarts it.
 */
final class ActionPlanner {
    private final ClusterState state;
    private final Map<String, ResourceFacts> facts;
    private final Map<String, String> target;
    private final Map<String, String> reasons;
    private final Map<String, Integer> orderRank;
    private final List<Action> stops = new ArrayList<>();
    private final List<Action> probes = new ArrayList<>();
    private final List<Action> starts = new ArrayList<>();
    private final List<PendingAction> pending = new ArrayList<>();

    ActionPlanner(ClusterState state, Map<String, ResourceFacts> facts, Map<String, String> target,
            Map<String, String> reasons, Map<String, Integer> orderRank) {
        this.state = state;
        this.facts = facts;
        this.target = target;
        this.reasons = reasons;
        this.orderRank = orderRank;
    }

    void plan() {
        if (state.maintenance()) {
            return;
        }
        for (ResourceFacts f : facts.values()) {
            if (f.managed()) {
                plan(f);
            }
        }
        Comparator<Action> byRank = Comparator.comparingInt(a -> orderRank.getOrDefault(a.resource(), Integer.MAX_VALUE));
        stops.sort(byRank.reversed());
        starts.sort(byRank);
    }

    List<Action> actions() {
        List<Action> all = new ArrayList<>(stops);
        all.addAll(probes);
        all.addAll(starts);
        return all;
    }

    List<PendingAction> pending() {
        return pending;
    }

    private void plan(ResourceFacts f) {
        String r = f.resource();
        String t = target.get(r);
        List<String> unsettledFirsts = f.definition() == null ? List.of() : state.definition().orders().stream()
                .filter(o -> o.then().equals(r) && !settled(o.first())).map(Order::first).toList();
        for (String a : f.active()) {
            boolean failed = state.observation(a, r).map(o -> o.role() == Role.FAILED).orElse(false);
            String why;
            if (!a.equals(t)) {
                why = t != null ? (f.active().contains(t) ? "also active on " + t : "moving to " + t)
                        : reasons.getOrDefault(r, "no node can run it");
            } else if (failed) {
                why = "recovering from a failure";
            } else if (!unsettledFirsts.isEmpty()) {
                why = "restart: '" + unsettledFirsts.get(0) + "' must run first";
            } else {
                continue;
            }
            Action stop = new Action(ActionType.STOP, r, a, why);
            List<String> thensActive = state.definition().orders().stream()
                    .filter(o -> o.first().equals(r) && !facts.get(o.then()).active().isEmpty())
                    .map(Order::then).toList();
            if (!f.unknown().isEmpty()) {
                // as Pacemaker, probes come first: their result may change where the resource belongs
                pending.add(new PendingAction(stop, "probe result from " + String.join(", ", f.unknown())));
            } else if (thensActive.isEmpty()) {
                stops.add(stop);
            } else {
                pending.add(new PendingAction(stop, "'" + thensActive.get(0) + "' to stop first"));
            }
        }
        if (f.definition() != null) {
            for (String n : f.unknown()) {
                probes.add(new Action(ActionType.PROBE, r, n, "state unknown on " + n));
            }
        }
        if (t == null || f.started().contains(t)) {
            return;
        }
        Action start = new Action(ActionType.START, r, t, f.started().isEmpty() ? "placed on " + t : "moving to " + t);
        if (!f.active().isEmpty()) {
            pending.add(new PendingAction(start, "stop confirmed on " + String.join(", ", f.active())));
        } else if (!f.unknown().isEmpty()) {
            pending.add(new PendingAction(start, "probe result from " + String.join(", ", f.unknown())));
        } else if (!unsettledFirsts.isEmpty()) {
            pending.add(new PendingAction(start, "'" + unsettledFirsts.get(0) + "' to run first"));
        } else {
            starts.add(start);
        }
    }

    /** A resource runs where it belongs and nowhere else. */
    private boolean settled(String resource) {
        ResourceFacts f = facts.get(resource);
        String where = f.managed() ? target.get(resource) : f.current();
        return where != null && f.started().contains(where) && f.active().size() == 1;
    }
}
