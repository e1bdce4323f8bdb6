package io.haven.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The greeting (HandshakeV10) and the client's HandshakeResponse41. */
class HandshakeTest {

    @Test
    void aMariaDbGreeting() {
        Handshake h = Handshake.parse(Unpooled.wrappedBuffer(ServerPackets.mariadbGreeting()));
        assertThat(h.serverVersion()).isEqualTo("5.5.5-10.11.19-MariaDB-0+deb12u1");
        assertThat(h.displayVersion()).isEqualTo("10.11.19-MariaDB-0+deb12u1");
        assertThat(h.connectionId()).isEqualTo(42);
        assertThat(h.scramble()).isEqualTo(ServerPackets.NONCE);
        assertThat(h.authPlugin()).isEqualTo("mysql_native_password");
        assertThat(Capabilities.has(h.capabilities(), Capabilities.PLUGIN_AUTH)).isTrue();
    }

    @Test
    void aMysql8GreetingKeepsItsVersion() {
        Handshake h = Handshake.parse(Unpooled.wrappedBuffer(ServerPackets.greeting("8.0.36", 0xfffffffeL,
                ServerPackets.MYSQL8_CAPS, "caching_sha2_password", ServerPackets.NONCE)));
        assertThat(h.displayVersion()).isEqualTo("8.0.36");
        assertThat(h.connectionId()).isEqualTo(0xfffffffeL);
        assertThat(h.authPlugin()).isEqualTo("caching_sha2_password");
    }

    @Test
    void aPluginNameWithoutItsNulIsReadToTheEnd() {
        byte[] g = ServerPackets.mariadbGreeting();
        Handshake h = Handshake.parse(Unpooled.wrappedBuffer(Arrays.copyOf(g, g.length - 1)));
        assertThat(h.authPlugin()).isEqualTo("mysql_native_password");
    }

    @Test
    void aGreetingWithoutPluginAuthHasNoPlugin() {
        int caps = ServerPackets.MARIADB_CAPS & ~Capabilities.PLUGIN_AUTH;
        byte[] g = ServerPackets.payload().u8(10).nul("5.1.73").u32(7).bytes(Arrays.copyOf(ServerPackets.NONCE, 8)).u8(0)
                .u16(caps & 0xffff).u8(8).u16(2).u16(caps >>> 16).u8(0).bytes(new byte[10])
                .bytes(Arrays.copyOfRange(ServerPackets.NONCE, 8, 20)).u8(0).build();
        Handshake h = Handshake.parse(Unpooled.wrappedBuffer(g));
        assertThat(h.authPlugin()).isNull();
        assertThat(h.scramble()).isEqualTo(ServerPackets.NONCE);
    }

    @Test
    void anotherProtocolVersionIsRefused() {
        byte[] g = ServerPackets.mariadbGreeting();
        g[0] = 9;
        assertThatThrownBy(() -> Handshake.parse(Unpooled.wrappedBuffer(g)))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("protocol version 9");
    }

    @Test
    void everyTruncationIsMalformedNeverAnotherException() {
        byte[] g = ServerPackets.mariadbGreeting();
        for (int n = 0; n < g.length; n++) {
            int len = n;
            Throwable cut = catchThrowable(() -> Handshake.parse(Unpooled.wrappedBuffer(Arrays.copyOf(g, len))));
            if (cut != null) {
                assertThat(cut).as("cut at %d", n).isInstanceOf(MalformedPacketException.class);
            }
        }
    }

    @Test
    void theResponseCarriesUserScrambleDatabaseAndPlugin() {
        Handshake h = Handshake.parse(Unpooled.wrappedBuffer(ServerPackets.mariadbGreeting()));
        MysqlCredentials creds = new MysqlCredentials("haven", "secret", "shop");
        int caps = HandshakeResponse.capabilities(h, creds);
        assertThat(caps & (Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION | Capabilities.PLUGIN_AUTH
                | Capabilities.CONNECT_WITH_DB | Capabilities.LONG_PASSWORD | Capabilities.TRANSACTIONS))
                .isEqualTo(Capabilities.PROTOCOL_41 | Capabilities.SECURE_CONNECTION | Capabilities.PLUGIN_AUTH
                        | Capabilities.CONNECT_WITH_DB | Capabilities.LONG_PASSWORD | Capabilities.TRANSACTIONS);
        assertThat(caps & (Capabilities.MULTI_RESULTS | Capabilities.DEPRECATE_EOF)).isZero();

        byte[] scramble = AuthScrambles.nativePassword("secret", ServerPackets.NONCE);
        ByteBuf p = Unpooled.wrappedBuffer(HandshakeResponse.encode(caps, creds, "mysql_native_password", scramble));
        assertThat(p.readIntLE()).isEqualTo(caps);
        assertThat(p.readIntLE()).isEqualTo(1 << 24);
        assertThat(p.readUnsignedByte()).isEqualTo((short) 45);
        assertThat(PacketReader.bytes(p, 23, "filler")).containsOnly(0);
        assertThat(PacketReader.nulTerminated(p, false, "user")).isEqualTo("haven");
        assertThat(PacketReader.bytes(p, p.readUnsignedByte(), "auth")).isEqualTo(scramble);
        assertThat(PacketReader.nulTerminated(p, false, "db")).isEqualTo("shop");
        assertThat(PacketReader.nulTerminated(p, false, "plugin")).isEqualTo("mysql_native_password");
        assertThat(p.isReadable()).isFalse();
    }

    @Test
    void withoutADatabaseNoConnectWithDb() {
        Handshake h = Handshake.parse(Unpooled.wrappedBuffer(ServerPackets.mariadbGreeting()));
        int caps = HandshakeResponse.capabilities(h, MysqlCredentials.of("u"));
        assertThat(caps & Capabilities.CONNECT_WITH_DB).isZero();
        byte[] p = HandshakeResponse.encode(caps, MysqlCredentials.of("u"), "mysql_native_password", new byte[0]);
        assertThat(new String(p, 32, p.length - 32, StandardCharsets.US_ASCII)).isEqualTo("u\0\0mysql_native_password\0");
    }

    @Test
    void aServerWithoutProtocol41IsRefused() {
        int caps = ServerPackets.MARIADB_CAPS & ~Capabilities.PROTOCOL_41;
        Handshake h = Handshake.parse(Unpooled.wrappedBuffer(ServerPackets.greeting("4.0", 1, caps,
                "mysql_native_password", ServerPackets.NONCE)));
        assertThatThrownBy(() -> HandshakeResponse.capabilities(h, MysqlCredentials.of("u")))
                .isInstanceOf(MalformedPacketException.class).hasMessageContaining("4.1");
    }
}
