package io.haven.cluster.state;

import java.util.List;
import java.util.Optional;

/**
 * Checks an operator's command against the current state before it is submitted to the log, so
 * the CLI can answer "unknown node 'lb3'" instead of committing a command that changes nothing.
 * {@link ClusterCommand#apply} stays total: a command that passes here may still find a changed
 * state when applied, and then does nothing.
 */
public final class CommandValidator {
    private CommandValidator() {
    }

    /** What is wrong with the command in this state, or empty if it can be submitted. */
    public static Optional<String> problem(ClusterState s, ClusterCommand command) {
        // Java 17: no pattern matching in switch yet
        String problem = null;
        if (command instanceof ClusterCommand.SetStandby c) {
            problem = node(s, c.node());
        } else if (command instanceof ClusterCommand.SetNodeMaintenance c) {
            problem = node(s, c.node());
        } else if (command instanceof ClusterCommand.NodeJoined c) {
            problem = node(s, c.node());
        } else if (command instanceof ClusterCommand.NodeLeft c) {
            problem = node(s, c.node());
        } else if (command instanceof ClusterCommand.RecordOperation c) {
            problem = node(s, c.node());
        } else if (command instanceof ClusterCommand.SetTargetRole c) {
            problem = resource(s, c.resource());
        } else if (command instanceof ClusterCommand.Clear c) {
            problem = first(resource(s, c.resource()), c.node() == null ? null : node(s, c.node()));
        } else if (command instanceof ClusterCommand.Cleanup c) {
            problem = first(c.resource() == null ? null : resource(s, c.resource()), c.node() == null ? null : node(s, c.node()));
        } else if (command instanceof ClusterCommand.Move c) {
            problem = move(s, c);
        }
        return Optional.ofNullable(problem);
    }

    private static String move(ClusterState s, ClusterCommand.Move c) {
        String bad = resource(s, c.resource());
        if (bad != null) {
            return bad;
        }
        if (c.node() != null) {
            String badNode = node(s, c.node());
            if (badNode != null) {
                return badNode;
            }
            return s.node(c.node()).orElseThrow().witness()
                    ? "node '" + c.node() + "' is a witness: it never runs resources" : null;
        }
        List<String> running = s.nodes().stream().filter(NodeState::online).map(NodeState::name)
                .filter(n -> s.observation(n, c.resource()).map(o -> o.role() == Role.STARTED).orElse(false)).toList();
        if (running.size() != 1) {
            return "resource '" + c.resource() + "' runs on " + (running.isEmpty() ? "no node" : String.join(", ", running))
                    + ": name the node to move it to";
        }
        return null;
    }

    private static String node(ClusterState s, String node) {
        return s.node(node).isPresent() ? null : "unknown node '" + node + "' (cluster nodes: "
                + String.join(", ", s.nodes().stream().map(NodeState::name).toList()) + ")";
    }

    private static String resource(ClusterState s, String resource) {
        return s.definition().resource(resource).isPresent() ? null : "unknown resource '" + resource + "' (resources: "
                + String.join(", ", s.definition().resources().stream().map(ResourceDefinition::name).toList()) + ")";
    }

    private static String first(String a, String b) {
        return a != null ? a : b;
    }
}
