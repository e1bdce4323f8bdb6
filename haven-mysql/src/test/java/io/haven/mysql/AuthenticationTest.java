package io.haven.mysql;

import static io.haven.mysql.ServerPackets.frame;
import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The connection phase against scripted servers: the native login, sequence ids, AuthSwitchRequest
 * to each plugin, the caching_sha2 fast path, ERR packets, and plugins this client refuses.
 */
class AuthenticationTest {

    /** The auth response bytes inside a HandshakeResponse41 sent for user {@code u} without database. */
    private static byte[] authResponse(byte[] handshakeResponse, String user) {
        int at = 32 + user.length() + 1;
        return Arrays.copyOfRange(handshakeResponse, at + 1, at + 1 + (handshakeResponse[at] & 0xff));
    }

    /** The plugin name at the end of a HandshakeResponse41 sent for user {@code u} without database. */
    private static String pluginName(byte[] handshakeResponse, String user) {
        int at = 32 + user.length() + 1;
        int start = at + 1 + (handshakeResponse[at] & 0xff);
        return new String(handshakeResponse, start, handshakeResponse.length - 1 - start, StandardCharsets.US_ASCII);
    }

    @Test
    void nativeLoginWithSequenceIdsAndTheServersVersion() {
        try (EmbeddedServer s = EmbeddedServer.start("haven", "secret")) {
            s.send(frame(0, ServerPackets.mariadbGreeting()));
            byte[] response = s.nextFrame();
            assertThat(EmbeddedServer.sequenceId(response)).isEqualTo(1);
            byte[] payload = Arrays.copyOfRange(response, 4, response.length);
            assertThat(authResponse(payload, "haven")).isEqualTo(AuthScrambles.nativePassword("secret", ServerPackets.NONCE));
            assertThat(pluginName(payload, "haven")).isEqualTo("mysql_native_password");
            assertThat(s.connecting).isNotDone();

            s.send(frame(2, ServerPackets.ok()));
            MysqlConnection c = s.connecting.join();
            assertThat(c.serverVersion()).isEqualTo("10.11.19-MariaDB-0+deb12u1");
            assertThat(c.connectionId()).isEqualTo(42);
            assertThat(c.isOpen()).isTrue();
        }
    }

    @Test
    void aRefusedLoginFailsWithTheServersError() {
        try (EmbeddedServer s = EmbeddedServer.start("haven", "wrong")) {
            s.send(frame(0, ServerPackets.mariadbGreeting()));
            s.nextPacket();
            s.send(frame(2, ServerPackets.err(1045, "28000", "Access denied for user 'haven'@'127.0.0.1' (using password: YES)")));
            assertThat(s.connecting).isCompletedExceptionally();
            assertThat(EmbeddedServer.failure(s.connecting)).isInstanceOfSatisfying(MysqlException.class, e -> {
                assertThat(e.code()).isEqualTo(1045);
                assertThat(e.sqlState()).isEqualTo("28000");
                assertThat(e.getMessage()).isEqualTo("Access denied for user 'haven'@'127.0.0.1' (using password: YES)");
            });
            assertThat(s.channel.isActive()).isFalse();
        }
    }

    @Test
    void anErrorInsteadOfAGreetingHasNoSqlState() {
        try (EmbeddedServer s = EmbeddedServer.start("haven", "")) {
            s.send(frame(0, ServerPackets.payload().u8(0xff).u16(1040).text("Too many connections").build()));
            assertThat(EmbeddedServer.failure(s.connecting)).isInstanceOfSatisfying(MysqlException.class, e -> {
                assertThat(e.code()).isEqualTo(1040);
                assertThat(e.sqlState()).isEqualTo("HY000");
                assertThat(e.getMessage()).isEqualTo("Too many connections");
            });
        }
    }

    @Test
    void anEmptyPasswordSendsAnEmptyResponse() {
        try (EmbeddedServer s = EmbeddedServer.start("nopass", "")) {
            s.send(frame(0, ServerPackets.mariadbGreeting()));
            assertThat(authResponse(s.nextPacket(), "nopass")).isEmpty();
            s.send(frame(2, ServerPackets.ok()));
            assertThat(s.connecting).isCompleted();
        }
    }

    @Test
    void switchToNativePasswordFromCachingSha2() {
        byte[] nonce2 = "ZYXWVUTSRQPONMLKJIHG".getBytes(StandardCharsets.US_ASCII);
        try (EmbeddedServer s = EmbeddedServer.start("haven", "secret")) {
            s.send(frame(0, ServerPackets.greeting("8.0.36", 9, ServerPackets.MYSQL8_CAPS, "caching_sha2_password", ServerPackets.NONCE)));
            byte[] first = s.nextPacket();
            assertThat(pluginName(first, "haven")).isEqualTo("caching_sha2_password");
            assertThat(authResponse(first, "haven")).isEqualTo(AuthScrambles.sha256("secret", ServerPackets.NONCE));

            s.send(frame(2, ServerPackets.authSwitch("mysql_native_password", nonce2)));
            byte[] reply = s.nextFrame();
            assertThat(EmbeddedServer.sequenceId(reply)).isEqualTo(3);
            assertThat(Arrays.copyOfRange(reply, 4, reply.length)).isEqualTo(AuthScrambles.nativePassword("secret", nonce2));
            s.send(frame(4, ServerPackets.ok()));
            assertThat(s.connecting.join().serverVersion()).isEqualTo("8.0.36");
        }
    }

    @Test
    void switchToCachingSha2ThenFastAuthSuccess() {
        byte[] nonce2 = "ZYXWVUTSRQPONMLKJIHG".getBytes(StandardCharsets.US_ASCII);
        try (EmbeddedServer s = EmbeddedServer.start("haven", "secret")) {
            s.send(frame(0, ServerPackets.mariadbGreeting()));
            s.nextPacket();
            s.send(frame(2, ServerPackets.authSwitch("caching_sha2_password", nonce2)));
            assertThat(s.nextPacket()).isEqualTo(AuthScrambles.sha256("secret", nonce2));
            s.send(frame(4, ServerPackets.moreData(new byte[] {0x03})));
            assertThat(s.nextFrame()).as("nothing to answer to fast-auth success").isNull();
            assertThat(s.connecting).isNotDone();
            s.send(frame(5, ServerPackets.ok()));
            assertThat(s.connecting).isCompleted();
        }
    }

    @Test
    void anUnsupportedPluginIsRefusedWithClientError2059() {
        try (EmbeddedServer s = EmbeddedServer.start("haven", "secret")) {
            s.send(frame(0, ServerPackets.mariadbGreeting()));
            s.nextPacket();
            s.send(frame(2, ServerPackets.authSwitch("client_ed25519", ServerPackets.NONCE)));
            assertThat(EmbeddedServer.failure(s.connecting)).isInstanceOfSatisfying(MysqlException.class, e -> {
                assertThat(e.code()).isEqualTo(2059);
                assertThat(e.getMessage()).contains("client_ed25519");
            });
            assertThat(s.channel.isActive()).isFalse();
        }
    }

    @Test
    void theOldPasswordSwitchIsRefused() {
        try (EmbeddedServer s = EmbeddedServer.start("haven", "secret")) {
            s.send(frame(0, ServerPackets.mariadbGreeting()));
            s.nextPacket();
            s.send(frame(2, new byte[] {(byte) 0xfe}));
            assertThat(EmbeddedServer.failure(s.connecting)).isInstanceOfSatisfying(MysqlException.class,
                    e -> assertThat(e.getMessage()).contains("mysql_old_password"));
        }
    }

    @Test
    void anUnknownDefaultPluginStartsWithNative() {
        try (EmbeddedServer s = EmbeddedServer.start("haven", "secret")) {
            s.send(frame(0, ServerPackets.greeting(ServerPackets.MARIADB_VERSION, 1, ServerPackets.MARIADB_CAPS,
                    "auth_gssapi_client", ServerPackets.NONCE)));
            assertThat(pluginName(s.nextPacket(), "haven")).isEqualTo("mysql_native_password");
        }
    }

    @Test
    void hangingUpDuringTheHandshakeFailsWithIoException() {
        try (EmbeddedServer s = EmbeddedServer.start("haven", "secret")) {
            s.send(Arrays.copyOf(frame(0, ServerPackets.mariadbGreeting()), 20));
            s.hangUp();
            assertThat(EmbeddedServer.failure(s.connecting)).isInstanceOf(IOException.class).hasMessageContaining("greeting");
        }
    }

    @Test
    void packetsAfterTheOkInTheSameReadReachTheConnection() {
        try (EmbeddedServer s = EmbeddedServer.start("haven", "secret")) {
            s.send(frame(0, ServerPackets.mariadbGreeting()));
            s.nextPacket();
            // a packet nobody asked for right behind the OK: the command phase must see it (and refuse it)
            s.channel.writeInbound(Unpooled.wrappedBuffer(frame(2, ServerPackets.ok()), frame(0, ServerPackets.ok())));
            MysqlConnection c = s.connecting.join();
            assertThat(c.isOpen()).isFalse();
        }
    }
}
