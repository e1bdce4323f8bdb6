package io.haven.mysql;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds what a MySQL/MariaDB server sends, byte by byte from the protocol documentation, without
 * the client's own writer: greetings, OK, ERR, EOF, column definitions, text rows, auth packets.
 * Payload builders return the payload; {@link #frame} adds the 4-byte header.
 */
final class ServerPackets {
    static final byte[] NONCE = "abcdefghij0123456789".getBytes(StandardCharsets.US_ASCII);
    static final String MARIADB_VERSION = "5.5.5-10.11.19-MariaDB-0+deb12u1";
    /** What MariaDB 10.11 announces (CLIENT_MYSQL bit clear: it is a MariaDB server). */
    static final int MARIADB_CAPS = 0xa0fff7fe;
    /** What MySQL 8 announces, including PLUGIN_AUTH and DEPRECATE_EOF. */
    static final int MYSQL8_CAPS = 0xdfffffff;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private ServerPackets() {
    }

    static ServerPackets payload() {
        return new ServerPackets();
    }

    ServerPackets u8(int v) {
        out.write(v);
        return this;
    }

    ServerPackets u16(int v) {
        out.write(v);
        out.write(v >> 8);
        return this;
    }

    ServerPackets u32(long v) {
        for (int i = 0; i < 4; i++) {
            out.write((int) (v >> (8 * i)));
        }
        return this;
    }

    ServerPackets bytes(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    ServerPackets text(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    ServerPackets nul(String s) {
        return text(s).u8(0);
    }

    /** A length-encoded integer in its shortest form. */
    ServerPackets lenenc(long v) {
        if (v < 0xfb) {
            return u8((int) v);
        } else if (v < 1 << 16) {
            return u8(0xfc).u16((int) v);
        } else if (v < 1 << 24) {
            return u8(0xfd).u16((int) v).u8((int) (v >> 16));
        }
        return u8(0xfe).u32(v).u32(v >>> 32);
    }

    /** A length-encoded string, or 0xfb for null. */
    ServerPackets lenencString(String s) {
        if (s == null) {
            return u8(0xfb);
        }
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return lenenc(b.length).bytes(b);
    }

    byte[] build() {
        return out.toByteArray();
    }

    static byte[] frame(int seq, byte[] payload) {
        byte[] f = new byte[payload.length + 4];
        f[0] = (byte) payload.length;
        f[1] = (byte) (payload.length >> 8);
        f[2] = (byte) (payload.length >> 16);
        f[3] = (byte) seq;
        System.arraycopy(payload, 0, f, 4, payload.length);
        return f;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    /** HandshakeV10 with PLUGIN_AUTH, the nonce split 8 + 12 plus a NUL. */
    static byte[] greeting(String version, long connectionId, int caps, String plugin, byte[] nonce) {
        return payload().u8(10).nul(version).u32(connectionId)
                .bytes(Arrays.copyOf(nonce, 8)).u8(0)
                .u16(caps & 0xffff).u8(8).u16(2).u16(caps >>> 16)
                .u8(nonce.length + 1).bytes(new byte[10])
                .bytes(Arrays.copyOfRange(nonce, 8, nonce.length)).u8(0)
                .nul(plugin).build();
    }

    static byte[] mariadbGreeting() {
        return greeting(MARIADB_VERSION, 42, MARIADB_CAPS, "mysql_native_password", NONCE);
    }

    static byte[] ok(long affectedRows, int status) {
        return payload().u8(0).lenenc(affectedRows).lenenc(0).u16(status).u16(0).build();
    }

    static byte[] ok() {
        return ok(0, 2);
    }

    static byte[] err(int code, String state, String message) {
        return payload().u8(0xff).u16(code).text("#" + state).text(message).build();
    }

    static byte[] eof(int status) {
        return payload().u8(0xfe).u16(0).u16(status).build();
    }

    static byte[] eof() {
        return eof(2);
    }

    static byte[] column(String name) {
        return payload().lenencString("def").lenencString("").lenencString("").lenencString("")
                .lenencString(name).lenencString("")
                .u8(0x0c).u16(45).u32(255).u8(0xfd).u16(0).u8(0).u16(0).build();
    }

    static byte[] row(String... values) {
        ServerPackets p = payload();
        for (String v : values) {
            p.lenencString(v);
        }
        return p.build();
    }

    static byte[] authSwitch(String plugin, byte[] nonce) {
        return payload().u8(0xfe).nul(plugin).bytes(nonce).u8(0).build();
    }

    static byte[] moreData(byte[] data) {
        return payload().u8(0x01).bytes(data).build();
    }

    /** A whole text resultset as framed packets, sequence ids from 1. */
    static byte[] resultSet(String[] columns, String[]... rows) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        int seq = 1;
        o.writeBytes(frame(seq++, payload().lenenc(columns.length).build()));
        for (String c : columns) {
            o.writeBytes(frame(seq++, column(c)));
        }
        o.writeBytes(frame(seq++, eof()));
        for (String[] r : rows) {
            o.writeBytes(frame(seq++, row(r)));
        }
        o.writeBytes(frame(seq, eof()));
        return o.toByteArray();
    }
}
