package io.haven.cluster.raft;

import java.util.Optional;
import java.util.Set;

/**
 * A snapshot of one node's view of the cluster, for status output.
 *
 * @param node         this node's name
 * @param up           the nodes in this node's view (itself included)
 * @param leader       the Raft leader, if any
 * @param hasQuorum    whether this node has quorum
 * @param quorumReason why it has or lacks quorum
 * @param term         the current Raft term
 * @param commitIndex  the index of the last committed log entry
 */
public record ClusterStatus(String node, Set<String> up, Optional<String> leader, boolean hasQuorum,
                            String quorumReason, long term, long commitIndex) {

    public boolean isLeader() {
        return leader.filter(node::equals).isPresent();
    }
}
