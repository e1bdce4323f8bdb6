/**
 * Membership, quorum and the replicated log: a {@link io.haven.cluster.raft.ClusterNode} on a
 * programmatic JGroups stack with jgroups-raft, committing commands of a caller's
 * {@link io.haven.cluster.raft.ReplicatedStateMachine} from any node. See RAFT.md beside the module.
 */
package io.haven.cluster.raft;
