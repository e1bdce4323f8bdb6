package io.haven.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.UnpooledByteBufAllocator;
import org.junit.jupiter.api.Test;

/** Outgoing frames: header, sequence ids, and the split of payloads of 2^24-1 bytes or more. */
class PacketWriterTest {

    @Test
    void aSmallPayloadIsOneFrame() {
        ByteBuf b = PacketWriter.frame(UnpooledByteBufAllocator.DEFAULT, 3, new byte[] {0x0e});
        assertThat(ByteBufUtil.getBytes(b)).containsExactly(1, 0, 0, 3, 0x0e);
        b.release();
    }

    @Test
    void basicTypesAreLittleEndian() {
        byte[] p = new PacketWriter().u8(7).u32(0x01020304L).nulTerminated("ab").text("c").zeros(2).toByteArray();
        assertThat(p).containsExactly(7, 4, 3, 2, 1, 'a', 'b', 0, 'c', 0, 0);
    }

    @Test
    void aLongPayloadIsSplitAndAnExactMultipleGetsAnEmptyLastFrame() {
        int max = PacketWriter.MAX_FRAME;
        ByteBuf b = PacketWriter.frame(UnpooledByteBufAllocator.DEFAULT, 0, new byte[max + 5]);
        assertThat(b.readableBytes()).isEqualTo(max + 5 + 8);
        assertThat(b.getUnsignedMediumLE(0)).isEqualTo(max);
        assertThat(b.getUnsignedByte(3)).isEqualTo((short) 0);
        assertThat(b.getUnsignedMediumLE(4 + max)).isEqualTo(5);
        assertThat(b.getUnsignedByte(7 + max)).isEqualTo((short) 1);
        b.release();

        ByteBuf exact = PacketWriter.frame(UnpooledByteBufAllocator.DEFAULT, 0, new byte[max]);
        assertThat(exact.readableBytes()).isEqualTo(max + 8);
        assertThat(exact.getUnsignedMediumLE(4 + max)).isZero();
        exact.release();
    }
}
