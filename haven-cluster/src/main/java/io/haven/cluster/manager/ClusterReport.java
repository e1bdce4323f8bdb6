package io.haven.cluster.manager;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.haven.cluster.agent.OcfStatus;
import io.haven.cluster.placement.Placement;
import io.haven.cluster.placement.Plan;
import io.haven.cluster.raft.ClusterStatus;
import io.haven.cluster.state.ClusterState;
import io.haven.cluster.state.NodeState;
import io.haven.cluster.state.Observation;
import io.haven.cluster.state.ResourceDefinition;
import io.haven.cluster.state.Role;
import io.haven.cluster.state.TargetRole;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@code haven cluster status} shows, as {@code crm_mon} does: who leads, quorum, the nodes
 * and their attributes, each resource and where it runs, failure counts and failed actions. As
 * text for people and as JSON for scripts, from one node's point of view.
 */
public record ClusterReport(ClusterStatus membership, ClusterState state, Plan plan) {

    public String text() {
        StringBuilder out = new StringBuilder();
        out.append("Cluster Summary:\n");
        out.append("  * Stack: haven (jgroups-raft)\n");
        out.append("  * Current leader: ").append(membership.leader().orElse("NONE"))
                .append(membership.hasQuorum() ? " - partition with quorum" : " - partition WITHOUT quorum")
                .append(" (").append(membership.quorumReason()).append(")\n");
        out.append("  * Seen from: ").append(membership.node()).append(", state revision ").append(state.revision()).append('\n');
        out.append("  * ").append(state.nodes().size()).append(" nodes configured\n");
        out.append("  * ").append(state.definition().resources().size()).append(" resource instances configured\n");
        if (state.maintenance()) {
            out.append("\n              *** Resource management is DISABLED ***\n");
            out.append("  The cluster will not attempt to start, stop or recover services\n");
        }
        out.append("\nNode List:\n");
        List<String> online = new ArrayList<>();
        List<String> offline = new ArrayList<>();
        List<String> witnesses = new ArrayList<>();
        for (NodeState n : state.nodes()) {
            if (n.witness()) {
                witnesses.add(n.name() + (n.online() ? "" : " (OFFLINE)"));
            } else if (n.standby()) {
                out.append("  * Node ").append(n.name()).append(": standby").append(n.online() ? "\n" : " (OFFLINE)\n");
            } else if (n.maintenance()) {
                out.append("  * Node ").append(n.name()).append(": maintenance\n");
            } else if (n.online()) {
                online.add(n.name());
            } else {
                offline.add(n.name());
            }
        }
        list(out, "Online", online);
        list(out, "OFFLINE", offline);
        list(out, "Witness", witnesses);
        out.append("\nFull List of Resources:\n");
        for (ResourceDefinition r : state.definition().resources()) {
            out.append("  * ").append(r.name()).append("\t(").append(r.type()).append("):\t ").append(where(r.name())).append('\n');
        }
        StringBuilder migration = new StringBuilder();
        state.failures().forEach((resource, byNode) -> byNode.forEach((node, fc) -> {
            if (fc.count() > 0) {
                migration.append("  * Node ").append(node).append(": ").append(resource).append(": fail-count=")
                        .append(fc.count() >= 1_000_000 ? "INFINITY" : Integer.toString(fc.count())).append(" last-failure=")
                        .append(Instant.ofEpochMilli(fc.lastFailureAt())).append('\n');
            }
        }));
        if (migration.length() > 0) {
            out.append("\nMigration Summary:\n").append(migration);
        }
        List<Map<String, Object>> failed = failedActions();
        if (!failed.isEmpty()) {
            out.append("\nFailed Resource Actions:\n");
            for (Map<String, Object> f : failed) {
                out.append("  * ").append(f.get("resource")).append('_').append(f.get("operation")).append(" on ")
                        .append(f.get("node")).append(" '").append(f.get("status")).append("' (").append(f.get("exit_code"))
                        .append("): at ").append(f.get("at")).append(", '").append(f.get("message")).append("'\n");
            }
        }
        return out.toString();
    }

    private static void list(StringBuilder out, String label, List<String> names) {
        if (!names.isEmpty()) {
            out.append("  * ").append(label).append(": [ ").append(String.join(" ", names)).append(" ]\n");
        }
    }

    /** "Started lb1", "Stopped", "FAILED lb2", "Started lb1 (unmanaged)". */
    private String where(String resource) {
        List<String> started = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        state.observed().forEach((node, byResource) -> {
            Observation o = byResource.get(resource);
            if (o != null && o.role() == Role.STARTED) {
                started.add(node);
            } else if (o != null && o.role() == Role.FAILED) {
                failed.add(node);
            }
        });
        StringBuilder s = new StringBuilder();
        if (!started.isEmpty()) {
            s.append("Started ").append(String.join(" ", started));
        }
        if (!failed.isEmpty()) {
            s.append(s.length() > 0 ? ", " : "").append("FAILED ").append(String.join(" ", failed));
        }
        if (s.length() == 0) {
            s.append("Stopped");
        }
        plan.placement(resource).filter(p -> !p.managed()).ifPresent(p -> s.append(" (unmanaged: ").append(p.reason()).append(')'));
        if (state.targetRole(resource) == TargetRole.STOPPED) {
            s.append(" (disabled)");
        }
        return s.toString();
    }

    private List<Map<String, Object>> failedActions() {
        List<Map<String, Object>> out = new ArrayList<>();
        state.observed().forEach((node, byResource) -> byResource.forEach((resource, o) -> {
            boolean failed = o.result() != OcfStatus.SUCCESS
                    && !(o.result() == OcfStatus.NOT_RUNNING && o.role() == Role.STOPPED);
            if (failed) {
                Map<String, Object> f = new LinkedHashMap<>();
                f.put("resource", resource);
                f.put("operation", o.operation().name().toLowerCase(Locale.ROOT));
                f.put("node", node);
                f.put("status", o.result().name().toLowerCase(Locale.ROOT).replace('_', ' '));
                f.put("exit_code", o.result().code());
                f.put("at", Instant.ofEpochMilli(o.at()).toString());
                f.put("message", o.message());
                out.add(f);
            }
        }));
        return out;
    }

    public String json() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("node", membership.node());
        root.put("leader", membership.leader().orElse(null));
        root.put("quorum", membership.hasQuorum());
        root.put("quorum_reason", membership.quorumReason());
        root.put("revision", state.revision());
        root.put("maintenance", state.maintenance());
        List<Map<String, Object>> nodes = new ArrayList<>();
        for (NodeState n : state.nodes()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", n.name());
            m.put("role", n.witness() ? "witness" : "member");
            m.put("online", n.online());
            m.put("in_view", membership.up().contains(n.name()));
            m.put("standby", n.standby());
            m.put("maintenance", n.maintenance());
            nodes.add(m);
        }
        root.put("nodes", nodes);
        List<Map<String, Object>> resources = new ArrayList<>();
        for (ResourceDefinition r : state.definition().resources()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.name());
            m.put("type", r.type());
            List<String> runningOn = new ArrayList<>();
            state.observed().forEach((node, byResource) -> {
                Observation o = byResource.get(r.name());
                if (o != null && o.role() == Role.STARTED) {
                    runningOn.add(node);
                }
            });
            m.put("running_on", runningOn);
            Placement p = plan.placement(r.name()).orElse(null);
            m.put("target", p == null ? null : p.node());
            m.put("managed", p == null || p.managed());
            m.put("target_role", state.targetRole(r.name()).name().toLowerCase(Locale.ROOT));
            Map<String, Integer> failures = new LinkedHashMap<>();
            state.failures().getOrDefault(r.name(), Map.of()).forEach((node, fc) -> failures.put(node, fc.count()));
            m.put("fail_counts", failures);
            resources.add(m);
        }
        root.put("resources", resources);
        root.put("failed_actions", failedActions());
        try {
            return JsonMapper.builder().build().writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cluster status as JSON", e);
        }
    }
}
