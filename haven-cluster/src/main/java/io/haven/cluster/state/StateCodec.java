package io.haven.cluster.state;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Encodes commands and full-state snapshots as bytes for the Raft log and its snapshots: JSON in a
 * versioned envelope ({@code {"format":1,...}}), readable with {@code jq} when debugging a log.
 * A reader rejects formats it does not know rather than guess; unknown fields are ignored, so a
 * newer writer may add optional ones.
 */
public final class StateCodec {
    /** The format this code writes and reads. */
    public static final int FORMAT = 1;

    private final ObjectMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    record CommandEnvelope(int format, ClusterCommand command) {
    }

    record StateEnvelope(int format, ClusterState state) {
    }

    public byte[] encode(ClusterCommand command) {
        return write(new CommandEnvelope(FORMAT, command));
    }

    public byte[] encode(ClusterState state) {
        return write(new StateEnvelope(FORMAT, state));
    }

    /** @throws IllegalArgumentException when the bytes are not a command of a known format */
    public ClusterCommand decodeCommand(byte[] bytes) {
        CommandEnvelope e = read(bytes, CommandEnvelope.class);
        checkFormat(e.format(), "command");
        if (e.command() == null) {
            throw new IllegalArgumentException("cluster command envelope holds no command");
        }
        return e.command();
    }

    /** @throws IllegalArgumentException when the bytes are not a snapshot of a known format */
    public ClusterState decodeState(byte[] bytes) {
        StateEnvelope e = read(bytes, StateEnvelope.class);
        checkFormat(e.format(), "state snapshot");
        if (e.state() == null) {
            throw new IllegalArgumentException("cluster state envelope holds no state");
        }
        return e.state();
    }

    private static void checkFormat(int format, String what) {
        if (format != FORMAT) {
            throw new IllegalArgumentException("cluster " + what + " has format " + format + ", this Haven reads format "
                    + FORMAT);
        }
    }

    private byte[] write(Object value) {
        try {
            return json.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    private <T> T read(byte[] bytes, Class<T> type) {
        try {
            return json.readValue(bytes, type);
        } catch (IOException e) {
            throw new IllegalArgumentException("not a cluster " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
