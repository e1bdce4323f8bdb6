package io.haven.mysql;

/**
 * Encodes the client's answer to the greeting (Protocol::HandshakeResponse41): capabilities,
 * maximum packet size, character set, user, the first auth response, database and plugin name.
 * Requires a 4.1 server with secure connection; anything older is refused.
 */
final class HandshakeResponse {

    private HandshakeResponse() {
    }

    /** The capability flags to send, given the server's. */
    static int capabilities(Handshake h, MysqlCredentials credentials) {
        long server = h.capabilities();
        if (!Capabilities.has(server, Capabilities.PROTOCOL_41)
                || !Capabilities.has(server, Capabilities.SECURE_CONNECTION)) {
            throw new MalformedPacketException("server " + h.serverVersion()
                    + " does not speak protocol 4.1 with secure authentication");
        }
        int caps = Capabilities.BASE;
        if (Capabilities.has(server, Capabilities.PLUGIN_AUTH)) {
            caps |= Capabilities.PLUGIN_AUTH;
        }
        if (credentials.database() != null) {
            caps |= Capabilities.CONNECT_WITH_DB;
        }
        return caps;
    }

    /**
     * The payload.
     *
     * @param plugin the plugin {@code authResponse} was computed for; sent only with PLUGIN_AUTH
     * @param authResponse at most 255 bytes (SHA-1 and SHA-256 scrambles are 20 and 32)
     */
    static byte[] encode(int capabilities, MysqlCredentials credentials, String plugin, byte[] authResponse) {
        PacketWriter w = new PacketWriter()
                .u32(capabilities)
                .u32(Capabilities.MAX_PACKET_SIZE)
                .u8(Capabilities.UTF8MB4_GENERAL_CI)
                .zeros(23)
                .nulTerminated(credentials.user())
                .u8(authResponse.length)
                .bytes(authResponse);
        if (Capabilities.has(capabilities, Capabilities.CONNECT_WITH_DB)) {
            w.nulTerminated(credentials.database());
        }
        if (Capabilities.has(capabilities, Capabilities.PLUGIN_AUTH)) {
            w.nulTerminated(plugin);
        }
        return w.toByteArray();
    }
}
