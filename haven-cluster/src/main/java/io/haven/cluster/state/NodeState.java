package io.haven.cluster.state;

/**
 * A node's attributes: {@code online} as membership sees it, and the operator's {@code standby}
 * (runs nothing) and {@code maintenance} (its resources are left alone) flags.
 */
public record NodeState(String name, boolean witness, boolean online, boolean standby, boolean maintenance) {
    NodeState withOnline(boolean v) {
        return new NodeState(name, witness, v, standby, maintenance);
    }

    NodeState withStandby(boolean v) {
        return new NodeState(name, witness, online, v, maintenance);
    }

    NodeState withMaintenance(boolean v) {
        return new NodeState(name, witness, online, standby, v);
    }
}
