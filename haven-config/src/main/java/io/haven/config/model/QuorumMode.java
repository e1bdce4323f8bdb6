package io.haven.config.model;

/**
 * How a cluster decides it has quorum ({@code quorum} in the {@code cluster} section).
 * <ul>
 * <li>{@code majority}: more than half of the voters (members and witnesses) must see each other.
 * <li>{@code two_node}: exactly two members, no witness; either one alone keeps quorum, as
 *     Corosync's {@code two_node: 1}. A partition leaves both sides quorate: only an outside
 *     arbiter (DigitalOcean assigns a floating IP to one droplet at a time) prevents split brain.
 * </ul>
 */
public enum QuorumMode {
    MAJORITY, TWO_NODE
}
