package io.haven.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

/** Length-encoded integers and strings, NUL-terminated strings, and refusals of forged lengths. */
class PacketReaderTest {

    private static ByteBuf buf(int... bytes) {
        ByteBuf b = Unpooled.buffer();
        for (int v : bytes) {
            b.writeByte(v);
        }
        return b;
    }

    @Test
    void lengthEncodedIntegersInEachForm() {
        assertThat(PacketReader.lengthEncoded(buf(0), "x")).isZero();
        assertThat(PacketReader.lengthEncoded(buf(0xfa), "x")).isEqualTo(250);
        assertThat(PacketReader.lengthEncoded(buf(0xfc, 0xfb, 0x00), "x")).isEqualTo(251);
        assertThat(PacketReader.lengthEncoded(buf(0xfc, 0xff, 0xff), "x")).isEqualTo(65535);
        assertThat(PacketReader.lengthEncoded(buf(0xfd, 0x00, 0x00, 0x01), "x")).isEqualTo(65536);
        assertThat(PacketReader.lengthEncoded(buf(0xfe, 1, 2, 3, 4, 5, 6, 7, 0x7f), "x")).isEqualTo(0x7f07060504030201L);
        for (int len = 1; len < 251; len += 50) {
            ByteBuf b = Unpooled.wrappedBuffer(ServerPackets.payload().lenenc(len * 1000L).build());
            assertThat(PacketReader.lengthEncoded(b, "x")).isEqualTo(len * 1000L);
            assertThat(b.isReadable()).isFalse();
        }
    }

    @Test
    void truncatedAndInvalidIntegersAreMalformed() {
        assertThatThrownBy(() -> PacketReader.lengthEncoded(buf(), "x")).isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> PacketReader.lengthEncoded(buf(0xfc, 1), "x")).isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> PacketReader.lengthEncoded(buf(0xfd, 1, 2), "x")).isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> PacketReader.lengthEncoded(buf(0xfe, 1, 2, 3, 4, 5, 6, 7), "x")).isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> PacketReader.lengthEncoded(buf(0xff), "x")).isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> PacketReader.lengthEncoded(buf(0xfb), "x")).isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> PacketReader.lengthEncoded(buf(0xfe, 0, 0, 0, 0, 0, 0, 0, 0x80), "x"))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("2^63");
    }

    @Test
    void lengthEncodedStringsAndNull() {
        ByteBuf b = Unpooled.wrappedBuffer(ServerPackets.payload().lenencString("héllo").lenencString(null)
                .lenencString("").lenencString("x".repeat(300)).build());
        assertThat(PacketReader.lengthEncodedString(b, "s")).isEqualTo("héllo");
        assertThat(PacketReader.lengthEncodedString(b, "s")).isNull();
        assertThat(PacketReader.lengthEncodedString(b, "s")).isEmpty();
        assertThat(PacketReader.lengthEncodedString(b, "s")).hasSize(300);
        assertThat(b.isReadable()).isFalse();
    }

    @Test
    void aStringLongerThanThePacketIsMalformedWithoutAllocatingIt() {
        assertThatThrownBy(() -> PacketReader.lengthEncodedString(buf(5, 'a', 'b'), "s"))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("needs 5 bytes, 2 left");
        assertThatThrownBy(() -> PacketReader.lengthEncodedString(buf(0xfe, 0, 0, 0, 0, 0, 0, 0, 0x10, 'a'), "s"))
                .isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> PacketReader.skipLengthEncodedString(buf(0xfd, 0xff, 0xff, 0xff), "s"))
                .isInstanceOf(MalformedPacketException.class);
    }

    @Test
    void nulTerminatedStrings() {
        ByteBuf b = buf('a', 'b', 0, 'c');
        assertThat(PacketReader.nulTerminated(b, false, "n")).isEqualTo("ab");
        assertThatThrownBy(() -> PacketReader.nulTerminated(b.duplicate(), false, "n")).isInstanceOf(MalformedPacketException.class);
        assertThat(PacketReader.nulTerminated(b, true, "n")).isEqualTo("c");
        assertThat(b.isReadable()).isFalse();
    }

    @Test
    void fixedIntegersCheckTheirLength() {
        assertThat(PacketReader.u32(buf(1, 0, 0, 0x80), "i")).isEqualTo(0x80000001L);
        assertThatThrownBy(() -> PacketReader.u32(buf(1, 0, 0), "i")).isInstanceOf(MalformedPacketException.class);
        assertThatThrownBy(() -> PacketReader.bytes(buf(1), 2, "b")).isInstanceOf(MalformedPacketException.class);
    }
}
