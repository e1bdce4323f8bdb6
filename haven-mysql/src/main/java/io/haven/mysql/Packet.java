package io.haven.mysql;

import io.netty.buffer.ByteBuf;

/**
 * One whole MySQL payload as {@link PacketDecoder} emits it, with the sequence id of its last
 * frame (the next packet of the exchange uses that id plus one). The receiver owns
 * {@code payload} and must release it.
 */
record Packet(int sequenceId, ByteBuf payload) {

    /** The first payload byte (0x00 OK, 0xff ERR, 0xfe EOF or auth switch ...), or -1 if empty. */
    int header() {
        return payload.isReadable() ? payload.getUnsignedByte(payload.readerIndex()) : -1;
    }

    int length() {
        return payload.readableBytes();
    }
}
