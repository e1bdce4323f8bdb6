package io.haven.config;

import io.haven.config.model.ClusterConfig;
import io.haven.config.model.ClusterNodeConfig;
import io.haven.config.model.ColocationConfig;
import io.haven.config.model.LocationConfig;
import io.haven.config.model.OrderConfig;
import io.haven.config.model.QuorumArbiterConfig;
import io.haven.config.model.QuorumMode;
import io.haven.config.model.ResourceConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Checks the cluster as a whole: names unique, every constraint naming declared resources and
 * nodes, no resource placed on a witness, quorum mode consistent with the voters, the two_node
 * arbiter naming a resource of its type, and no cycle in
 * the ordering or colocation constraints (the scheduler places and starts resources along them).
 * Agent parameters are not checked here: the agents own them.
 */
final class ClusterValidator {
    private final ClusterConfig cluster;
    private final List<String> files;
    private final String node;
    private final SourceLocation nodeAt;
    private final SourceLocation quorumAt;
    private final List<Diagnostic> errors = new ArrayList<>();
    private final Set<String> frontends;

    /** {@code nodeAt} and {@code quorumAt}: where {@code node} and {@code quorum} were set, or null. */
    ClusterValidator(ClusterConfig cluster, List<String> files, String node, SourceLocation nodeAt,
            SourceLocation quorumAt, Set<String> frontends) {
        this.cluster = cluster;
        this.frontends = frontends;
        this.files = files;
        this.node = node;
        this.nodeAt = nodeAt;
        this.quorumAt = quorumAt != null ? quorumAt : cluster.location();
    }

    List<Diagnostic> validate() {
        Map<String, ClusterNodeConfig> nodes = nodes();
        Map<String, ResourceConfig> resources = new HashMap<>();
        for (ResourceConfig r : cluster.resources()) {
            ResourceConfig prev = resources.putIfAbsent(r.name(), r);
            if (prev != null) {
                error(r.location(), "resource", "resource name '" + r.name() + "' is already used at " + prev.location());
            }
            if (r.type() == null) {
                error(r.location(), "resource", "resource '" + r.name() + "' has no 'type' (the agent that runs it)");
            }
        }
        proxyFrontends();
        constraintIds();
        arbiter(resources);
        for (ColocationConfig c : cluster.colocations()) {
            resource(resources, c.resource(), c.location(), "colocation");
            resource(resources, c.withResource(), c.location(), "colocation");
            if (c.resource().equals(c.withResource())) {
                error(c.location(), "colocation", "resource '" + c.resource() + "' cannot be colocated with itself");
            }
        }
        for (OrderConfig o : cluster.orders()) {
            resource(resources, o.first(), o.location(), "order");
            resource(resources, o.then(), o.location(), "order");
            if (o.first().equals(o.then())) {
                error(o.location(), "order", "resource '" + o.first() + "' cannot be ordered after itself");
            }
        }
        for (LocationConfig l : cluster.locations()) {
            resource(resources, l.resource(), l.location(), "location");
            ClusterNodeConfig n = nodes.get(l.node());
            if (n == null) {
                error(l.location(), "location", "unknown node '" + l.node() + "' (not a member of cluster '"
                        + cluster.name() + "')");
            } else if (n.witness() && l.score() > 0) {
                error(l.location(), "location", "node '" + l.node() + "' is a witness: it never runs resources");
            }
        }
        if (errors.isEmpty()) {
            cycle(cluster.orders(), OrderConfig::first, OrderConfig::then, OrderConfig::location, "order");
            cycle(cluster.colocations(), ColocationConfig::withResource, ColocationConfig::resource,
                    ColocationConfig::location, "colocation");
        }
        return errors;
    }

    private Map<String, ClusterNodeConfig> nodes() {
        Map<String, ClusterNodeConfig> nodes = new LinkedHashMap<>();
        Map<String, ClusterNodeConfig> addresses = new HashMap<>();
        int members = 0;
        int witnesses = 0;
        for (ClusterNodeConfig n : cluster.nodes()) {
            String keyword = n.witness() ? "witness" : "member";
            ClusterNodeConfig prev = nodes.putIfAbsent(n.name(), n);
            if (prev != null) {
                error(n.location(), keyword, "node name '" + n.name() + "' is already used at " + prev.location());
            }
            ClusterNodeConfig sameAddress = addresses.putIfAbsent(n.host() + ":" + n.port(), n);
            if (sameAddress != null) {
                error(n.location(), keyword, "address " + n.host() + ":" + n.port() + " is already used by '"
                        + sameAddress.name() + "' at " + sameAddress.location());
            }
            if (n.witness()) {
                witnesses++;
            } else {
                members++;
            }
        }
        if (members == 0) {
            error(cluster.location(), "cluster", "cluster '" + cluster.name() + "' has no 'member' (a node that runs resources)");
        }
        if (cluster.quorum() == QuorumMode.TWO_NODE && (members != 2 || witnesses != 0)) {
            error(quorumAt, "quorum", "'two_node' needs exactly 2 members and no witness, cluster '" + cluster.name()
                    + "' has " + members + " member(s) and " + witnesses + " witness(es); use 'quorum majority'");
        }
        if (node != null && !nodes.containsKey(node)) {
            error(nodeAt, "node", "this node's name '" + node + "' is neither a member nor a witness of cluster '"
                    + cluster.name() + "' (declared: " + String.join(", ", nodes.keySet()) + ")");
        }
        return nodes;
    }

    /** Each frontend of a haven-proxy resource exists, and no two resources bind the same one. */
    private void proxyFrontends() {
        Map<String, String> owner = new HashMap<>();
        for (ResourceConfig r : cluster.resources()) {
            String param = r.params().get("frontend");
            if (!ClusterConfig.PROXY_TYPE.equals(r.type()) || param == null) {
                continue; // a missing param is the agent's error, like every agent param
            }
            for (String f : ClusterConfig.frontendNames(param)) {
                if (!frontends.contains(f)) {
                    error(r.location(), "param", "resource '" + r.name() + "': no frontend or listen section named '"
                            + f + "' to bind");
                }
                String prev = owner.putIfAbsent(f, r.name());
                if (prev != null && !prev.equals(r.name())) {
                    error(r.location(), "param", "resource '" + r.name() + "': frontend '" + f
                            + "' is already bound by resource '" + prev + "'");
                }
            }
        }
    }

    /** The arbiter's resource must exist and be of the arbiter's type: its IP and API params are the arbiter's. */
    private void arbiter(Map<String, ResourceConfig> resources) {
        QuorumArbiterConfig a = cluster.arbiter();
        if (a == null) {
            return;
        }
        ResourceConfig r = resources.get(a.resource());
        if (r == null) {
            error(a.location(), "quorum", "unknown resource '" + a.resource() + "' (no 'resource " + a.resource()
                    + "' section): the arbiter takes its IP, token and API from a resource of type " + a.type());
        } else if (r.type() != null && !r.type().equals(a.type())) {
            error(a.location(), "quorum", "resource '" + a.resource() + "' is of type '" + r.type() + "', the arbiter"
                    + " needs one of type '" + a.type() + "'");
        }
    }

    private void resource(Map<String, ResourceConfig> resources, String name, SourceLocation at, String keyword) {
        if (!resources.containsKey(name)) {
            error(at, keyword, "unknown resource '" + name + "' (no 'resource " + name + "' section)");
        }
    }

    /** Constraint names share one namespace, as Pacemaker's ids; the later line is the duplicate. */
    private void constraintIds() {
        record Named(String id, SourceLocation at, String keyword) {
        }
        List<Named> all = new ArrayList<>();
        cluster.colocations().forEach(c -> all.add(new Named(c.id(), c.location(), "colocation")));
        cluster.orders().forEach(o -> all.add(new Named(o.id(), o.location(), "order")));
        cluster.locations().forEach(l -> all.add(new Named(l.id(), l.location(), "location")));
        all.sort(Comparator.comparing((Named n) -> files.indexOf(n.at().file())).thenComparingInt(n -> n.at().line()));
        Map<String, SourceLocation> ids = new HashMap<>();
        for (Named n : all) {
            SourceLocation prev = ids.putIfAbsent(n.id(), n.at());
            if (prev != null) {
                error(n.at(), n.keyword(), "constraint name '" + n.id() + "' is already used at " + prev);
            }
        }
    }

    /** Reports the first cycle of edges from -> to, at the line of the edge that closes it. */
    private <T> void cycle(List<T> edges, Function<T, String> from, Function<T, String> to,
            Function<T, SourceLocation> at, String keyword) {
        Map<String, List<T>> out = new LinkedHashMap<>();
        for (T e : edges) {
            out.computeIfAbsent(from.apply(e), k -> new ArrayList<>()).add(e);
        }
        Map<String, Integer> state = new HashMap<>(); // 1 = on the path, 2 = done
        for (String start : out.keySet()) {
            List<String> path = new ArrayList<>();
            if (visit(start, out, to, at, keyword, state, path)) {
                return;
            }
        }
    }

    private <T> boolean visit(String node, Map<String, List<T>> out, Function<T, String> to,
            Function<T, SourceLocation> at, String keyword, Map<String, Integer> state, List<String> path) {
        Integer s = state.get(node);
        if (s != null && s == 2) {
            return false;
        }
        state.put(node, 1);
        path.add(node);
        for (T e : out.getOrDefault(node, List.of())) {
            String next = to.apply(e);
            if (Integer.valueOf(1).equals(state.get(next))) {
                List<String> loop = new ArrayList<>(path.subList(path.indexOf(next), path.size()));
                loop.add(next);
                error(at.apply(e), keyword, keyword + " constraints form a cycle: " + String.join(" -> ", loop));
                return true;
            }
            if (visit(next, out, to, at, keyword, state, path)) {
                return true;
            }
        }
        path.remove(path.size() - 1);
        state.put(node, 2);
        return false;
    }

    private void error(SourceLocation at, String keyword, String message) {
        errors.add(new Diagnostic(at, keyword, message));
    }
}
