package io.haven.cluster.manager;

import io.haven.cluster.raft.ReplicatedStateMachine;
import io.haven.cluster.state.ClusterCommand;
import io.haven.cluster.state.ClusterState;
import io.haven.cluster.state.StateCodec;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.function.Consumer;

/**
 * The cluster state as Raft's state machine: each committed entry is an encoded
 * {@link ClusterCommand}, applied in log order; snapshots are the encoded state. After every
 * change the listener gets the new state (on Raft's apply thread: it must hand work off).
 */
final class ClusterStateMachine implements ReplicatedStateMachine {
    private final StateCodec codec = new StateCodec();
    private final Consumer<ClusterState> changed;
    private volatile ClusterState state = ClusterState.empty();

    ClusterStateMachine(Consumer<ClusterState> changed) {
        this.changed = changed;
    }

    ClusterState state() {
        return state;
    }

    byte[] encode(ClusterCommand command) {
        return codec.encode(command);
    }

    @Override
    public byte[] apply(byte[] command) {
        ClusterCommand c = codec.decodeCommand(command);
        state = c.apply(state);
        changed.accept(state);
        return null;
    }

    @Override
    public void writeSnapshot(DataOutput out) throws IOException {
        byte[] bytes = codec.encode(state);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    @Override
    public void readSnapshot(DataInput in) throws IOException {
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        state = codec.decodeState(bytes);
        changed.accept(state);
    }
}
