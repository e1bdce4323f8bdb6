package io.haven.mysql;

import io.netty.buffer.ByteBuf;

/**
 * The server's greeting (Protocol::HandshakeV10), as much of it as the client uses.
 *
 * @param serverVersion the version string exactly as sent, MariaDB's {@code 5.5.5-} prefix included
 * @param scramble the authentication nonce, both parts joined (20 bytes from MySQL and MariaDB)
 * @param authPlugin the plugin the server expects first, or null without CLIENT_PLUGIN_AUTH
 */
record Handshake(String serverVersion, long connectionId, byte[] scramble, long capabilities, String authPlugin) {
    static final int PROTOCOL_V10 = 10;
    private static final String MARIADB_PREFIX = "5.5.5-";

    /** Parses a greeting payload; an ERR packet must have been ruled out by the caller. */
    static Handshake parse(ByteBuf p) {
        int protocol = PacketReader.u8(p, "protocol version");
        if (protocol != PROTOCOL_V10) {
            throw new MalformedPacketException("unsupported protocol version " + protocol + " in the greeting");
        }
        String version = PacketReader.nulTerminated(p, false, "server version");
        long connectionId = PacketReader.u32(p, "connection id");
        byte[] part1 = PacketReader.bytes(p, 8, "scramble part 1");
        PacketReader.skip(p, 1, "filler");
        long caps = PacketReader.u16(p, "capability flags");
        if (!p.isReadable()) {
            return new Handshake(version, connectionId, part1, caps, null);
        }
        PacketReader.skip(p, 1, "character set");
        PacketReader.skip(p, 2, "status flags");
        caps |= (long) PacketReader.u16(p, "capability flags (upper)") << 16;
        int authDataLength = PacketReader.u8(p, "auth data length");
        PacketReader.skip(p, 10, "reserved");
        byte[] scramble = part1;
        if (Capabilities.has(caps, Capabilities.SECURE_CONNECTION)) {
            // MySQL: max(13, len - 8) bytes, the last one a NUL; old servers send fewer
            int n = Math.min(Math.max(13, authDataLength - 8), p.readableBytes());
            byte[] part2 = PacketReader.bytes(p, n, "scramble part 2");
            int used = n > 0 && part2[n - 1] == 0 ? n - 1 : n;
            scramble = new byte[8 + used];
            System.arraycopy(part1, 0, scramble, 0, 8);
            System.arraycopy(part2, 0, scramble, 8, used);
        }
        String plugin = null;
        if (Capabilities.has(caps, Capabilities.PLUGIN_AUTH)) {
            // MySQL 5.5.7-5.5.9 forgot the NUL
            plugin = PacketReader.nulTerminated(p, true, "auth plugin name");
        }
        return new Handshake(version, connectionId, scramble, caps, plugin);
    }

    /** The version without MariaDB's {@code 5.5.5-} prefix, which only old replication clients need. */
    String displayVersion() {
        if (serverVersion.startsWith(MARIADB_PREFIX) && serverVersion.contains("MariaDB")) {
            return serverVersion.substring(MARIADB_PREFIX.length());
        }
        return serverVersion;
    }
}
