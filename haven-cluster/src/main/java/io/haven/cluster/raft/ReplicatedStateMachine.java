package io.haven.cluster.raft;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;

/**
 * The caller's state, changed only by commands committed through Raft. Every node applies the same
 * commands in the same order, so {@link #apply} must be deterministic (no clocks, no randomness,
 * no I/O whose result differs between nodes). Calls come from one thread, never concurrently.
 */
public interface ReplicatedStateMachine {

    /**
     * Applies one committed command and returns its result (null for none); the result goes back
     * to the submitter. Runs for log replay at start too.
     */
    byte[] apply(byte[] command) throws Exception;

    /** Writes the whole state (a snapshot; the log before it is then discarded). */
    void writeSnapshot(DataOutput out) throws IOException;

    /** Replaces the whole state with a snapshot written by {@link #writeSnapshot}. */
    void readSnapshot(DataInput in) throws IOException;
}
