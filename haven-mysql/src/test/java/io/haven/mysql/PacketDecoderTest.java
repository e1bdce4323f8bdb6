package io.haven.mysql;

import static io.haven.mysql.ServerPackets.concat;
import static io.haven.mysql.ServerPackets.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Framing: payloads however TCP cut them, several per read, joined 2^24-1 frames, bounded. */
class PacketDecoderTest {

    private static final byte[] A = "first packet".getBytes();
    private static final byte[] B = new byte[300];
    private static final byte[] C = {};

    static {
        Arrays.fill(B, (byte) 0x5a);
    }

    /** Feeds {@code chunks} and returns the (sequence id, payload) of each packet emitted. */
    private static List<Object[]> decode(PacketDecoder decoder, byte[]... chunks) {
        EmbeddedChannel ch = new EmbeddedChannel(decoder);
        List<Object[]> packets = new ArrayList<>();
        for (byte[] chunk : chunks) {
            ch.writeInbound(Unpooled.wrappedBuffer(chunk));
            for (Packet p; (p = ch.readInbound()) != null; ) {
                packets.add(new Object[] {p.sequenceId(), ByteBufUtil.getBytes(p.payload())});
                p.payload().release();
            }
        }
        assertThat(ch.finishAndReleaseAll()).isFalse();
        return packets;
    }

    private static void assertThreePackets(List<Object[]> packets) {
        assertThat(packets).hasSize(3);
        assertThat(packets.get(0)).containsExactly(1, A);
        assertThat(packets.get(1)).containsExactly(2, B);
        assertThat(packets.get(2)).containsExactly(3, C);
    }

    @Test
    void severalPacketsInOneRead() {
        assertThreePackets(decode(new PacketDecoder(), concat(frame(1, A), frame(2, B), frame(3, C))));
    }

    @Test
    void packetsSplitAtEveryOffset() {
        byte[] all = concat(frame(1, A), frame(2, B), frame(3, C));
        for (int cut = 0; cut <= all.length; cut++) {
            assertThreePackets(decode(new PacketDecoder(), Arrays.copyOf(all, cut), Arrays.copyOfRange(all, cut, all.length)));
        }
    }

    @Test
    void packetsArrivingByteByByte() {
        byte[] all = concat(frame(1, A), frame(2, B), frame(3, C));
        byte[][] bytes = new byte[all.length][];
        for (int i = 0; i < all.length; i++) {
            bytes[i] = new byte[] {all[i]};
        }
        assertThreePackets(decode(new PacketDecoder(), bytes));
    }

    @Test
    void aFullFrameContinuesInTheNext() {
        byte[] big = new byte[PacketWriter.MAX_FRAME + 10];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        byte[] frames = concat(frame(5, Arrays.copyOf(big, PacketWriter.MAX_FRAME)),
                frame(6, Arrays.copyOfRange(big, PacketWriter.MAX_FRAME, big.length)), frame(7, A));
        int mid = frames.length / 2;
        List<Object[]> packets = decode(new PacketDecoder(), Arrays.copyOf(frames, mid), Arrays.copyOfRange(frames, mid, frames.length));
        assertThat(packets).hasSize(2);
        assertThat((int) packets.get(0)[0]).as("the sequence id of the last frame").isEqualTo(6);
        assertThat((byte[]) packets.get(0)[1]).isEqualTo(big);
        assertThat(packets.get(1)).containsExactly(7, A);
    }

    @Test
    void anExactMultipleEndsWithAnEmptyFrame() {
        byte[] big = new byte[PacketWriter.MAX_FRAME];
        List<Object[]> packets = decode(new PacketDecoder(), concat(frame(0, big), frame(1, C)));
        assertThat(packets).hasSize(1);
        assertThat(((byte[]) packets.get(0)[1]).length).isEqualTo(PacketWriter.MAX_FRAME);
    }

    @Test
    void aJoinedPayloadOverTheLimitIsAnErrorBeforeItArrives() {
        EmbeddedChannel ch = new EmbeddedChannel(new PacketDecoder(PacketWriter.MAX_FRAME + 100));
        byte[] header = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0};
        ch.writeInbound(Unpooled.wrappedBuffer(header), Unpooled.wrappedBuffer(new byte[PacketWriter.MAX_FRAME]));
        // the second frame declares 200 bytes: 2^24-1 + 200 is over the limit; only its header was sent
        assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 200, 0, 0, 1})))
                .isInstanceOf(DecoderException.class)
                .hasCauseInstanceOf(MalformedPacketException.class)
                .hasMessageContaining("exceeds the limit");
        // after the error nothing more is decoded, even a valid packet
        ch.writeInbound(Unpooled.wrappedBuffer(frame(2, A)));
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void aForgedLengthAllocatesNothingUntilTheBytesArrive() {
        EmbeddedChannel ch = new EmbeddedChannel(new PacketDecoder());
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0xfe, (byte) 0xff, (byte) 0xff, 0, 1, 2, 3}));
        assertThat((Object) ch.readInbound()).isNull();
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }
}
