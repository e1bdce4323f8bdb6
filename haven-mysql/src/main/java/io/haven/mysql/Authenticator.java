package io.haven.mysql;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The authentication exchange after the greeting, without I/O: {@link #start} gives the
 * HandshakeResponse41, then each server packet gives the next {@link AuthStep}. Handles OK, ERR,
 * AuthSwitchRequest (0xfe) to either supported plugin, and caching_sha2_password's AuthMoreData
 * (0x01): fast-auth success (0x03), or full authentication (0x04), for which it asks for the
 * server's RSA public key (0x02) and sends the encrypted password.
 */
final class Authenticator {
    private static final int AUTH_MORE_DATA = 0x01;
    private static final int AUTH_SWITCH = 0xfe;
    private static final byte SHA2_REQUEST_PUBLIC_KEY = 0x02;
    private static final int SHA2_FAST_AUTH_SUCCESS = 0x03;
    private static final int SHA2_PERFORM_FULL_AUTH = 0x04;

    private final MysqlCredentials credentials;
    private String plugin;
    private byte[] nonce;
    private boolean awaitingPublicKey;

    Authenticator(MysqlCredentials credentials) {
        this.credentials = credentials;
    }

    /** The HandshakeResponse41 payload for {@code greeting}. */
    byte[] start(Handshake greeting) {
        int caps = HandshakeResponse.capabilities(greeting, credentials);
        // an unsupported default plugin is no failure yet: the account may use native, else the
        // server switches us to its plugin and we refuse there
        plugin = AuthScrambles.supported(greeting.authPlugin()) ? greeting.authPlugin() : AuthScrambles.NATIVE_PASSWORD;
        nonce = greeting.scramble();
        return HandshakeResponse.encode(caps, credentials, plugin, AuthScrambles.scramble(plugin, credentials.password(), nonce));
    }

    /** The plugin in use now (after any switch). */
    String plugin() {
        return plugin;
    }

    AuthStep onPacket(Packet p) throws MysqlException {
        ByteBuf b = p.payload();
        int header = p.header();
        if (header == ServerResponses.ERR) {
            throw ServerResponses.error(b);
        }
        if (awaitingPublicKey) {
            return publicKey(b, header);
        }
        if (header == ServerResponses.OK) {
            return AuthStep.DONE;
        }
        if (header == AUTH_SWITCH) {
            return authSwitch(b);
        }
        if (header == AUTH_MORE_DATA) {
            return moreData(b);
        }
        throw new MalformedPacketException(String.format("unexpected packet 0x%02x during authentication", header));
    }

    private AuthStep authSwitch(ByteBuf b) throws MysqlException {
        b.skipBytes(1);
        if (!b.isReadable()) {
            throw unsupported("mysql_old_password");
        }
        String name = PacketReader.nulTerminated(b, true, "auth switch plugin name");
        byte[] data = PacketReader.rest(b);
        if (!AuthScrambles.supported(name)) {
            throw unsupported(name);
        }
        int n = data.length > 0 && data[data.length - 1] == 0 ? data.length - 1 : data.length;
        plugin = name;
        nonce = Arrays.copyOf(data, n);
        return AuthStep.send(AuthScrambles.scramble(plugin, credentials.password(), nonce));
    }

    private AuthStep moreData(ByteBuf b) {
        if (!AuthScrambles.CACHING_SHA2_PASSWORD.equals(plugin)) {
            throw new MalformedPacketException("unexpected AuthMoreData for " + plugin);
        }
        b.skipBytes(1);
        int status = PacketReader.u8(b, "caching_sha2_password status");
        if (status == SHA2_FAST_AUTH_SUCCESS) {
            return AuthStep.WAIT; // an OK packet follows
        }
        if (status == SHA2_PERFORM_FULL_AUTH) {
            awaitingPublicKey = true;
            return AuthStep.send(new byte[] {SHA2_REQUEST_PUBLIC_KEY});
        }
        throw new MalformedPacketException(String.format("unknown caching_sha2_password status 0x%02x", status));
    }

    private AuthStep publicKey(ByteBuf b, int header) throws MysqlException {
        if (header != AUTH_MORE_DATA) {
            throw new MalformedPacketException(String.format("expected the server's public key, got 0x%02x", header));
        }
        if (nonce.length == 0) {
            throw new MalformedPacketException("caching_sha2_password full authentication without a nonce");
        }
        b.skipBytes(1);
        String pem = b.readCharSequence(b.readableBytes(), StandardCharsets.US_ASCII).toString();
        awaitingPublicKey = false;
        return AuthStep.send(AuthScrambles.rsaEncryptedPassword(credentials.password(), nonce, pem));
    }

    private static MysqlException unsupported(String name) {
        return new MysqlException(MysqlException.AUTH_PLUGIN_CANNOT_LOAD, MysqlException.GENERAL_SQL_STATE,
                "Authentication plugin '" + name + "' cannot be loaded: this client speaks "
                        + AuthScrambles.NATIVE_PASSWORD + " and " + AuthScrambles.CACHING_SHA2_PASSWORD);
    }
}
