package io.haven.cluster.raft;

import java.util.Optional;
import java.util.Set;

/**
 * Cluster events, delivered in order on one event thread per node (never on JGroups threads, so a
 * listener may block briefly but slows later events). Every method has an empty default.
 */
public interface ClusterListener {

    /** The nodes this node can reach changed; {@code up} includes this node. */
    default void viewChanged(Set<String> up) {
    }

    /** The Raft leader changed: its name, or empty while there is none. */
    default void leaderChanged(Optional<String> leader, boolean thisNodeLeads) {
    }

    /** This node gained or lost quorum; {@code reason} says why, for logs and status. */
    default void quorumChanged(boolean hasQuorum, String reason) {
    }

    /**
     * two_node only: both nodes committed while apart and {@code leader}'s history won, so what
     * this node committed alone is not in the cluster's log, and its state machine may hold
     * commands the others never applied. Rebuild this node (empty state-dir) to be sure.
     */
    default void soloCommitsLost(String leader) {
    }
}
