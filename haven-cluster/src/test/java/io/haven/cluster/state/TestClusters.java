package io.haven.cluster.state;

import io.haven.cluster.agent.OcfStatus;
import io.haven.config.model.OnFail;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds definitions and states for tests, with Pacemaker's defaults unless a test says otherwise. */
public final class TestClusters {
    private TestClusters() {
    }

    /** A resource definition builder; defaults: restart on failure, threshold inf, no timeout, stickiness 0. */
    public static final class Rsc {
        private final String name;
        private OnFail onFail = OnFail.RESTART;
        private int threshold = Score.INFINITY;
        private long failureTimeout;
        private int stickiness;
        private boolean disabled;

        Rsc(String name) {
            this.name = name;
        }

        public Rsc onFail(OnFail v) {
            onFail = v;
            return this;
        }

        public Rsc threshold(int v) {
            threshold = v;
            return this;
        }

        public Rsc failureTimeout(long ms) {
            failureTimeout = ms;
            return this;
        }

        public Rsc stickiness(int v) {
            stickiness = v;
            return this;
        }

        public Rsc disabled() {
            disabled = true;
            return this;
        }

        public ResourceDefinition build() {
            return new ResourceDefinition(name, "vip", Map.of("ip", "10.9.9.9"), new OperationSpec(10_000, 20_000),
                    new OperationSpec(0, 20_000), new OperationSpec(0, 20_000), onFail, threshold, failureTimeout,
                    stickiness, disabled);
        }
    }

    public static Rsc rsc(String name) {
        return new Rsc(name);
    }

    /** A definition builder: voters in the order added, then resources and constraints. */
    public static final class Def {
        private final List<NodeDefinition> nodes = new ArrayList<>();
        private final List<ResourceDefinition> resources = new ArrayList<>();
        private final List<Colocation> colocations = new ArrayList<>();
        private final List<Order> orders = new ArrayList<>();
        private final List<Location> locations = new ArrayList<>();

        public Def members(String... names) {
            for (String n : names) {
                nodes.add(new NodeDefinition(n, false));
            }
            return this;
        }

        public Def witness(String name) {
            nodes.add(new NodeDefinition(name, true));
            return this;
        }

        public Def resource(Rsc r) {
            resources.add(r.build());
            return this;
        }

        public Def resources(String... names) {
            for (String n : names) {
                resources.add(rsc(n).build());
            }
            return this;
        }

        public Def colocation(int score, String rsc, String with) {
            colocations.add(new Colocation("col-" + rsc + "-" + with, score, rsc, with));
            return this;
        }

        public Def order(String first, String then) {
            orders.add(new Order("ord-" + first + "-" + then, first, then));
            return this;
        }

        public Def location(String rsc, int score, String node) {
            locations.add(new Location("loc-" + rsc + "-" + node, rsc, score, node));
            return this;
        }

        public ClusterDefinition build() {
            return new ClusterDefinition("test", nodes, resources, colocations, orders, locations);
        }

        /** The definition loaded and every voter online, nothing observed yet. */
        public ClusterState online() {
            ClusterState s = new ClusterCommand.LoadConfig(build()).apply(ClusterState.empty());
            for (NodeDefinition n : nodes) {
                s = new ClusterCommand.NodeJoined(n.name()).apply(s);
            }
            return s;
        }

        /** Online, and every resource probed not running on every member. */
        public ClusterState probed() {
            ClusterState s = online();
            for (NodeDefinition n : nodes) {
                if (!n.witness()) {
                    for (ResourceDefinition r : resources) {
                        s = record(s, n.name(), r.name(), Operation.PROBE, OcfStatus.NOT_RUNNING, 0);
                    }
                }
            }
            return s;
        }
    }

    public static Def cluster() {
        return new Def();
    }

    public static ClusterState apply(ClusterState s, ClusterCommand... commands) {
        for (ClusterCommand c : commands) {
            s = c.apply(s);
        }
        return s;
    }

    public static ClusterState record(ClusterState s, String node, String rsc, Operation op, OcfStatus result, long at) {
        return new ClusterCommand.RecordOperation(node, rsc, op, result, at, op + " " + result).apply(s);
    }

    public static ClusterState started(ClusterState s, String node, String rsc) {
        return record(s, node, rsc, Operation.START, OcfStatus.SUCCESS, 0);
    }
}
