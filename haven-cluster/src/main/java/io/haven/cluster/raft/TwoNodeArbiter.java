package io.haven.cluster.raft;

/**
 * Decides, in {@link QuorumMode#TWO_NODE}, whether a node whose peer vanished by heartbeat loss
 * only (a hang, or a cut link: the two cannot be told apart) may keep quorum alone. Called on the
 * node's arbiter thread (apart from the event thread), so it may block for a bounded time, e.g. to
 * ask the floating IP provider whether the IP is assigned to this node.
 */
@FunctionalInterface
public interface TwoNodeArbiter {

    /** Never keeps quorum on heartbeat loss: no split brain, but no failover on a hang or a cut link. */
    TwoNodeArbiter DENY = peer -> false;

    /** Always keeps quorum alone (Pacemaker's two_node without fencing): both sides act in a partition. */
    TwoNodeArbiter ALLOW = peer -> true;

    /** True if this node may run alone while {@code peer} is unreachable. */
    boolean mayRunAlone(String peer) throws Exception;

    /**
     * True if this arbiter also decides when the peer's sockets closed while it was still heard.
     * Default false: that counts as a crash and the survivor runs alone at once. An arbiter that
     * serialises the decision outside the cluster says true, because a partition that resets
     * connections (a firewall rejecting, a network restart) looks the same as a crash.
     */
    default boolean decidesCrashes() {
        return false;
    }
}
