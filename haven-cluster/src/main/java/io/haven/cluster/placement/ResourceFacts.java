package io.haven.cluster.placement;

import io.haven.cluster.state.ClusterState;
import io.haven.cluster.state.FailCount;
import io.haven.cluster.state.NodeState;
import io.haven.cluster.state.Observation;
import io.haven.cluster.state.Operation;
import io.haven.cluster.state.ResourceDefinition;
import io.haven.cluster.state.Role;
import io.haven.config.model.OnFail;
import java.util.ArrayList;
import java.util.List;

/**
 * What the state says about one resource right now, on online nodes, in node order: where it may
 * be active (started or failed), where it is started, where nobody knows yet, and why the
 * scheduler must leave it alone, if it must.
 *
 * @param definition null for an orphan: observed somewhere but no longer configured
 * @param unmanagedReason null when the scheduler manages the resource
 */
record ResourceFacts(String resource, ResourceDefinition definition, List<String> active, List<String> started,
        List<String> unknown, String unmanagedReason, String recovering) {

    static ResourceFacts of(ClusterState s, String resource, long now) {
        ResourceDefinition def = s.definition().resource(resource).orElse(null);
        List<String> active = new ArrayList<>();
        List<String> started = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<String> recovered = new ArrayList<>();
        String unmanaged = s.maintenance() ? "cluster is in maintenance mode" : null;
        for (NodeState n : s.nodes()) {
            if (!n.online()) {
                continue;
            }
            Observation o = s.observation(n.name(), resource).orElse(null);
            if (o == null) {
                if (def != null && !n.witness() && !n.maintenance()) {
                    unknown.add(n.name());
                }
                continue;
            }
            if (o.role().active()) {
                active.add(n.name());
                if (n.maintenance() && unmanaged == null) {
                    unmanaged = "active on node " + n.name() + ", which is in maintenance";
                }
            }
            if (o.role() == Role.STARTED) {
                started.add(n.name());
            }
            long timeout = def != null ? def.failureTimeoutMs() : 0;
            boolean freshFailure = s.failCount(resource, n.name())
                    .filter(f -> f.count() > 0 && !f.expired(timeout, now)).isPresent();
            if (o.role() == Role.STOPPED && freshFailure) {
                recovered.add(n.name()); // found stopped, or stopped, after failing there: recovery restarts it there
            }
            if (unmanaged == null && o.role() == Role.FAILED && o.operation() == Operation.STOP && freshFailure) {
                unmanaged = "stop failed on " + n.name() + " and it may still run there; clean it up";
            }
        }
        if (unmanaged == null && def != null && def.onFail() == OnFail.BLOCK) {
            for (NodeState n : s.nodes()) {
                FailCount f = s.failCount(resource, n.name()).orElse(null);
                if (f != null && f.count() > 0 && !f.expired(def.failureTimeoutMs(), now)) {
                    unmanaged = "on-fail block: failed on " + n.name() + "; clean it up";
                    break;
                }
            }
        }
        return new ResourceFacts(resource, def, active, started, unknown, unmanaged,
                recovered.size() == 1 ? recovered.get(0) : null);
    }

    boolean managed() {
        return unmanagedReason == null;
    }

    /**
     * The single node it runs on, preferring a started one; when it runs nowhere, the node where it
     * was just stopped to recover from a failure there (Pacemaker recovers in place: stop, then
     * start on the same node); null when nowhere or ambiguous. Ties in placement go to this node.
     */
    String current() {
        if (started.size() == 1) {
            return started.get(0);
        }
        if (active.size() == 1) {
            return active.get(0);
        }
        return active.isEmpty() ? recovering : null;
    }
}
