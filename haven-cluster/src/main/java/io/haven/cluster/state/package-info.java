/**
 * The replicated cluster state (Pacemaker's CIB): immutable records, the commands that change
 * them ({@link io.haven.cluster.state.ClusterCommand}, each a pure function of the state) and their
 * byte encoding for the Raft log ({@link io.haven.cluster.state.StateCodec}).
 */
package io.haven.cluster.state;
