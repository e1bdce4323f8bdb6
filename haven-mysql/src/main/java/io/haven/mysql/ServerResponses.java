package io.haven.mysql;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * The generic server packets: OK (0x00), ERR (0xff) and EOF (0xfe, shorter than 9 bytes). Read
 * for a 4.1 client (status flags and warnings present, SQLSTATE after a {@code #}).
 */
final class ServerResponses {
    static final int OK = 0x00;
    static final int EOF = 0xfe;
    static final int ERR = 0xff;
    /** An EOF packet is 1 + 2 + 2 bytes; a row or OK starting with 0xfe is at least 9. */
    private static final int MAX_EOF_LENGTH = 9;

    /** Affected rows and status flags of an OK packet, or status flags of an EOF packet. */
    record Ok(long affectedRows, int status) {
        boolean moreResults() {
            return Capabilities.has(status, Capabilities.STATUS_MORE_RESULTS);
        }
    }

    private ServerResponses() {
    }

    static boolean isErr(Packet p) {
        return p.header() == ERR;
    }

    static boolean isOk(Packet p) {
        return p.header() == OK;
    }

    static boolean isEof(Packet p) {
        return p.header() == EOF && p.length() < MAX_EOF_LENGTH;
    }

    static Ok ok(ByteBuf p) {
        PacketReader.skip(p, 1, "OK header");
        long affected = PacketReader.lengthEncoded(p, "affected rows");
        PacketReader.lengthEncoded(p, "last insert id");
        int status = p.readableBytes() >= 2 ? p.readUnsignedShortLE() : 0;
        return new Ok(affected, status);
    }

    static Ok eof(ByteBuf p) {
        PacketReader.skip(p, 1, "EOF header");
        if (p.readableBytes() < 4) {
            return new Ok(0, 0); // pre-4.1 EOF: no warnings, no status
        }
        p.skipBytes(2); // warnings
        return new Ok(0, p.readUnsignedShortLE());
    }

    /**
     * The ERR packet as an exception: error code, then {@code #} and a 5-character SQLSTATE (absent
     * in errors sent before the client's capabilities are known), then the message.
     */
    static MysqlException error(ByteBuf p) {
        PacketReader.skip(p, 1, "ERR header");
        int code = PacketReader.u16(p, "error code");
        String state = null;
        if (p.readableBytes() >= 6 && p.getByte(p.readerIndex()) == '#') {
            p.skipBytes(1);
            state = p.readCharSequence(5, StandardCharsets.US_ASCII).toString();
        }
        return new MysqlException(code, state, PacketReader.restAsText(p));
    }
}
