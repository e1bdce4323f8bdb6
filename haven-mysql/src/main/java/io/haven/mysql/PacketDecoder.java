package io.haven.mysql;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the server's byte stream into {@link Packet}s: a 4-byte header (3-byte little-endian
 * length, sequence id) then the payload, however the bytes were cut into reads. A frame of
 * 2^24-1 bytes continues in the next one; such frames are joined into one payload of at most
 * {@code maxPayload} bytes, a longer one is an error. Nothing is allocated from a declared
 * length: a payload is a slice of bytes that were received. After an error the decoder drops
 * everything, so one bad frame cannot be followed by misread ones.
 */
final class PacketDecoder extends ByteToMessageDecoder {
    /** 64 MiB: far above any resultset a check or an agent reads, far below the heap. */
    static final int DEFAULT_MAX_PAYLOAD = 64 << 20;
    private static final int HEADER = 4;

    private final int maxPayload;
    private CompositeByteBuf partial;
    private boolean failed;

    PacketDecoder() {
        this(DEFAULT_MAX_PAYLOAD);
    }

    PacketDecoder(int maxPayload) {
        this.maxPayload = maxPayload;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= HEADER) {
            int length = in.getUnsignedMediumLE(in.readerIndex());
            int seq = in.getUnsignedByte(in.readerIndex() + 3);
            long total = (partial == null ? 0L : partial.readableBytes()) + length;
            if (total > maxPayload) {
                fail();
                throw new MalformedPacketException("payload of " + total + " bytes exceeds the limit of " + maxPayload);
            }
            if (in.readableBytes() < HEADER + length) {
                return;
            }
            in.skipBytes(HEADER);
            ByteBuf frame = in.readRetainedSlice(length);
            if (length == PacketWriter.MAX_FRAME) {
                if (partial == null) {
                    partial = ctx.alloc().compositeBuffer(Integer.MAX_VALUE);
                }
                partial.addComponent(true, frame);
                continue;
            }
            if (partial != null) {
                partial.addComponent(true, frame);
                frame = partial;
                partial = null;
            }
            out.add(new Packet(seq, frame));
            return;
        }
    }

    private void fail() {
        failed = true;
        releasePartial();
    }

    private void releasePartial() {
        if (partial != null) {
            partial.release();
            partial = null;
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        releasePartial();
    }
}
