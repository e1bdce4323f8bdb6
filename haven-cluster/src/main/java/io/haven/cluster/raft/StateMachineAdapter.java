package io.haven.cluster.raft;

import org.jgroups.raft.StateMachine;

import java.io.DataInput;
import java.io.DataOutput;
import java.util.Arrays;

/**
 * Presents a {@link ReplicatedStateMachine} to jgroups-raft. Each log entry starts with one byte
 * of framing: {@link #COMMAND} for the caller's commands, {@link #NO_OP} for the empty entries the
 * leader commits itself (which the caller's machine never sees).
 */
final class StateMachineAdapter implements StateMachine {
    static final byte COMMAND = 0;
    static final byte NO_OP = 1;

    private final ReplicatedStateMachine machine;
    private volatile long commandsApplied; // written by jgroups-raft's single apply thread only

    StateMachineAdapter(ReplicatedStateMachine machine) {
        this.machine = machine;
    }

    /** The log entry for a caller's command. */
    static byte[] command(byte[] command) {
        byte[] entry = new byte[command.length + 1];
        entry[0] = COMMAND;
        System.arraycopy(command, 0, entry, 1, command.length);
        return entry;
    }

    static byte[] noOp() {
        return new byte[] {NO_OP};
    }

    @Override
    public byte[] apply(byte[] data, int offset, int length, boolean serializeResponse) throws Exception {
        if (length < 1) {
            throw new IllegalStateException("empty log entry: Haven frames every entry with a type byte");
        }
        switch (data[offset]) {
            case NO_OP:
                return null;
            case COMMAND:
                commandsApplied++;
                byte[] result = machine.apply(Arrays.copyOfRange(data, offset + 1, offset + length));
                return serializeResponse ? result : null;
            default:
                throw new IllegalStateException("log entry of unknown type " + data[offset]);
        }
    }

    /** How many of the caller's commands this node applied since start (log replay included). */
    long commandsApplied() {
        return commandsApplied;
    }

    @Override
    public void readContentFrom(DataInput in) throws Exception {
        machine.readSnapshot(in);
    }

    @Override
    public void writeContentTo(DataOutput out) throws Exception {
        machine.writeSnapshot(out);
    }
}
