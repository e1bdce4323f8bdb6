package io.haven.cluster.raft;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A state machine that records every command it applies, in order; its snapshot is that list. */
final class RecordingStateMachine implements ReplicatedStateMachine {
    private final List<String> applied = new ArrayList<>();
    private volatile int snapshotsRead;

    @Override
    public synchronized byte[] apply(byte[] command) {
        applied.add(new String(command, StandardCharsets.UTF_8));
        return ("#" + applied.size()).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void writeSnapshot(DataOutput out) throws IOException {
        out.writeInt(applied.size());
        for (String s : applied) {
            out.writeUTF(s);
        }
    }

    @Override
    public synchronized void readSnapshot(DataInput in) throws IOException {
        applied.clear();
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
            applied.add(in.readUTF());
        }
        snapshotsRead++;
    }

    synchronized List<String> applied() {
        return List.copyOf(applied);
    }

    int snapshotsRead() {
        return snapshotsRead;
    }
}
