package io.haven.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Builds a client payload with the protocol's basic types and frames it: 3-byte little-endian
 * length and sequence id per frame, a payload of 2^24-1 bytes or more split over several frames
 * (with an empty last frame when it divides evenly, as the protocol requires).
 */
final class PacketWriter {
    /** The largest payload of one frame; a frame this long means "more follows". */
    static final int MAX_FRAME = 0xffffff;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(64);

    PacketWriter u8(int v) {
        out.write(v);
        return this;
    }

    PacketWriter u32(long v) {
        out.write((int) v);
        out.write((int) (v >> 8));
        out.write((int) (v >> 16));
        out.write((int) (v >> 24));
        return this;
    }

    PacketWriter bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    PacketWriter zeros(int n) {
        out.writeBytes(new byte[n]);
        return this;
    }

    /** UTF-8 text followed by a NUL. */
    PacketWriter nulTerminated(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        out.write(0);
        return this;
    }

    /** UTF-8 text, to the end of the payload. */
    PacketWriter text(String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
        return this;
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }

    /** Frames {@code payload} starting at sequence id {@code sequenceId}. */
    static ByteBuf frame(ByteBufAllocator alloc, int sequenceId, byte[] payload) {
        int frames = payload.length / MAX_FRAME + 1;
        ByteBuf buf = alloc.buffer(payload.length + 4 * frames);
        int offset = 0;
        int seq = sequenceId;
        for (int i = 0; i < frames; i++) {
            int n = Math.min(MAX_FRAME, payload.length - offset);
            buf.writeMediumLE(n);
            buf.writeByte(seq);
            buf.writeBytes(payload, offset, n);
            offset += n;
            seq = (seq + 1) & 0xff;
        }
        return buf;
    }
}
