package io.haven.cluster.raft;

import java.util.Locale;

/**
 * How a node decides that it has quorum: {@link #MAJORITY} of the voters (Raft's own rule), or
 * {@link #TWO_NODE} for a pair without a witness (see RAFT.md for the rule and its risk).
 */
public enum QuorumMode {
    /** Quorum while a majority of the voters (members and witnesses) are in this node's view. */
    MAJORITY,
    /**
     * Two voters and no witness: quorum with both up, and a survivor keeps it alone when its peer
     * left cleanly or died with its sockets closed; a peer lost by heartbeat only is referred to a
     * {@link TwoNodeArbiter}.
     */
    TWO_NODE;

    /** The keyword as written in the configuration: {@code majority} or {@code two_node}. */
    public String keyword() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses {@code majority} or {@code two_node}; anything else is an error naming what is accepted. */
    public static QuorumMode parse(String keyword) {
        for (QuorumMode m : values()) {
            if (m.keyword().equals(keyword)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown quorum mode '" + keyword + "': expected majority or two_node");
    }
}
