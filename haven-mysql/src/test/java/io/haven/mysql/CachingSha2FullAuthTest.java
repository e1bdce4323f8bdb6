package io.haven.mysql;

import static io.haven.mysql.ServerPackets.frame;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import javax.crypto.Cipher;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * caching_sha2_password full authentication without TLS, against a scripted MySQL 8 server that
 * holds a real RSA key pair: "perform full authentication", the public key request, the
 * encrypted password, which the test decrypts. No MySQL 8 server is available here (MariaDB has
 * no caching_sha2_password), so this exchange is verified only against the documented protocol.
 */
class CachingSha2FullAuthTest {
    private static KeyPair keys;

    @BeforeAll
    static void keys() throws Exception {
        keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
    }

    private static EmbeddedServer untilFullAuth(String password) {
        EmbeddedServer s = EmbeddedServer.start("haven", password);
        s.send(frame(0, ServerPackets.greeting("8.0.36", 9, ServerPackets.MYSQL8_CAPS, "caching_sha2_password", ServerPackets.NONCE)));
        s.nextPacket();
        s.send(frame(2, ServerPackets.moreData(new byte[] {0x04})));
        byte[] request = s.nextFrame();
        assertThat(EmbeddedServer.sequenceId(request)).isEqualTo(3);
        assertThat(request).endsWith(0x02);
        return s;
    }

    @Test
    void theServersKeyEncryptsThePasswordXorTheNonce() throws Exception {
        try (EmbeddedServer s = untilFullAuth("s3cret-pässword")) {
            s.send(frame(4, ServerPackets.moreData(AuthScramblesTest.pem(keys).getBytes(StandardCharsets.US_ASCII))));
            byte[] reply = s.nextFrame();
            assertThat(EmbeddedServer.sequenceId(reply)).isEqualTo(5);

            Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
            cipher.init(Cipher.DECRYPT_MODE, keys.getPrivate());
            byte[] plain = cipher.doFinal(reply, 4, reply.length - 4);
            for (int i = 0; i < plain.length; i++) {
                plain[i] ^= ServerPackets.NONCE[i % ServerPackets.NONCE.length];
            }
            assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("s3cret-pässword\0");

            s.send(frame(6, ServerPackets.ok()));
            assertThat(s.connecting).isCompleted();
        }
    }

    @Test
    void aWrongPasswordEndsWithTheServersError() {
        try (EmbeddedServer s = untilFullAuth("wrong")) {
            s.send(frame(4, ServerPackets.moreData(AuthScramblesTest.pem(keys).getBytes(StandardCharsets.US_ASCII))));
            s.nextPacket();
            s.send(frame(6, ServerPackets.err(1045, "28000", "Access denied for user 'haven'@'localhost' (using password: YES)")));
            assertThat(EmbeddedServer.failure(s.connecting)).isInstanceOfSatisfying(MysqlException.class,
                    e -> assertThat(e.code()).isEqualTo(1045));
        }
    }

    @Test
    void aKeyThatIsNotAPublicKeyIsAClearError() {
        try (EmbeddedServer s = untilFullAuth("secret")) {
            s.send(frame(4, ServerPackets.moreData("not a key".getBytes(StandardCharsets.US_ASCII))));
            assertThat(EmbeddedServer.failure(s.connecting)).isInstanceOfSatisfying(MysqlException.class, e -> {
                assertThat(e.code()).isEqualTo(2059);
                assertThat(e.getMessage()).contains("RSA public key");
            });
        }
    }

    @Test
    void somethingElseThanTheKeyIsMalformed() {
        try (EmbeddedServer s = untilFullAuth("secret")) {
            s.send(frame(4, ServerPackets.ok()));
            assertThat(EmbeddedServer.failure(s.connecting)).isInstanceOf(IOException.class).hasMessageContaining("public key");
        }
    }
}
