package io.haven.mysql;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Reads the protocol's basic types from a payload: fixed-length little-endian integers,
 * length-encoded integers and strings, NUL-terminated strings. Every read first checks that the
 * payload holds the bytes it needs and throws {@link MalformedPacketException} otherwise, so a
 * forged length never allocates more than was received.
 */
final class PacketReader {
    /** Length-encoded prefix of a NULL value in a text row. */
    static final int NULL_VALUE = 0xfb;

    private PacketReader() {
    }

    static void need(ByteBuf b, long n, String what) {
        if (n < 0 || n > b.readableBytes()) {
            throw new MalformedPacketException(what + " needs " + (n < 0 ? "a negative number of" : n)
                    + " bytes, " + b.readableBytes() + " left");
        }
    }

    static int u8(ByteBuf b, String what) {
        need(b, 1, what);
        return b.readUnsignedByte();
    }

    static int u16(ByteBuf b, String what) {
        need(b, 2, what);
        return b.readUnsignedShortLE();
    }

    static long u32(ByteBuf b, String what) {
        need(b, 4, what);
        return b.readUnsignedIntLE();
    }

    static void skip(ByteBuf b, int n, String what) {
        need(b, n, what);
        b.skipBytes(n);
    }

    static byte[] bytes(ByteBuf b, int n, String what) {
        need(b, n, what);
        byte[] out = new byte[n];
        b.readBytes(out);
        return out;
    }

    static byte[] rest(ByteBuf b) {
        byte[] out = new byte[b.readableBytes()];
        b.readBytes(out);
        return out;
    }

    /**
     * A length-encoded integer: one byte below 0xfb, else 0xfc/0xfd/0xfe followed by 2, 3 or 8
     * bytes. 0xfb (NULL) and 0xff are not integers; an 8-byte value above {@code Long.MAX_VALUE}
     * is rejected too, since nothing the server sends can be that long.
     */
    static long lengthEncoded(ByteBuf b, String what) {
        int first = u8(b, what);
        if (first < 0xfb) {
            return first;
        }
        switch (first) {
            case 0xfc:
                return u16(b, what);
            case 0xfd:
                need(b, 3, what);
                return b.readUnsignedMediumLE();
            case 0xfe:
                need(b, 8, what);
                long v = b.readLongLE();
                if (v < 0) {
                    throw new MalformedPacketException(what + ": length-encoded integer above 2^63");
                }
                return v;
            default:
                throw new MalformedPacketException(what + String.format(": 0x%02x is not a length-encoded integer", first));
        }
    }

    /** A length-encoded string decoded as UTF-8, or null for the NULL marker 0xfb. */
    static String lengthEncodedString(ByteBuf b, String what) {
        need(b, 1, what);
        if (b.getUnsignedByte(b.readerIndex()) == NULL_VALUE) {
            b.skipBytes(1);
            return null;
        }
        long n = lengthEncoded(b, what);
        need(b, n, what);
        return b.readCharSequence((int) n, StandardCharsets.UTF_8).toString();
    }

    static void skipLengthEncodedString(ByteBuf b, String what) {
        long n = lengthEncoded(b, what);
        need(b, n, what);
        b.skipBytes((int) n);
    }

    /** Bytes up to a NUL, which is consumed; without a NUL, the rest of the payload if {@code toEnd}. */
    static String nulTerminated(ByteBuf b, boolean toEnd, String what) {
        int nul = b.indexOf(b.readerIndex(), b.writerIndex(), (byte) 0);
        if (nul < 0 && !toEnd) {
            throw new MalformedPacketException(what + ": no NUL terminator");
        }
        int end = nul < 0 ? b.writerIndex() : nul;
        String s = b.readCharSequence(end - b.readerIndex(), StandardCharsets.UTF_8).toString();
        if (nul >= 0) {
            b.skipBytes(1);
        }
        return s;
    }

    /** The rest of the payload as UTF-8 text. */
    static String restAsText(ByteBuf b) {
        return b.readCharSequence(b.readableBytes(), StandardCharsets.UTF_8).toString();
    }
}
