package io.haven.mysql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import org.junit.jupiter.api.Test;

/**
 * The scrambles against vectors computed elsewhere (Python's hashlib, recorded below) and against
 * the check the server itself does with what it stores, plus the RSA path decrypted with the
 * private key.
 */
class AuthScramblesTest {
    private static final byte[] NONCE = "abcdefghij0123456789".getBytes(StandardCharsets.US_ASCII);

    /** hashlib: s1=sha1(pw); xor(s1, sha1(nonce + sha1(s1))). */
    private static final String NATIVE_SECRET = "99db25ccb2a625f0e7cf4ce2e895ef9609dfe5e4";
    /** hashlib: s1=sha256(pw); xor(s1, sha256(sha256(s1) + nonce)). */
    private static final String SHA2_SECRET = "bd7d89fc1c297010da753d08822e9e48d3eafbb6e68e1f9b403be12dc5687a40";

    private static byte[] digest(String algorithm, byte[]... parts) throws Exception {
        MessageDigest md = MessageDigest.getInstance(algorithm);
        for (byte[] p : parts) {
            md.update(p);
        }
        return md.digest();
    }

    private static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }

    @Test
    void nativePasswordMatchesTheRecordedVector() {
        assertThat(HexFormat.of().formatHex(AuthScrambles.nativePassword("secret", NONCE))).isEqualTo(NATIVE_SECRET);
    }

    @Test
    void nativePasswordPassesTheServersCheck() throws Exception {
        // mysql.user keeps SHA1(SHA1(password)); the server recovers SHA1(password) from the
        // response with it and the nonce, and compares its hash with what it keeps
        for (String password : new String[] {"secret", "pässwörd", "x".repeat(100)}) {
            byte[] stored = digest("SHA-1", digest("SHA-1", password.getBytes(StandardCharsets.UTF_8)));
            byte[] response = AuthScrambles.nativePassword(password, NONCE);
            byte[] stage1 = xor(response, digest("SHA-1", NONCE, stored));
            assertThat(digest("SHA-1", stage1)).isEqualTo(stored);
        }
    }

    @Test
    void sha2MatchesTheRecordedVector() {
        assertThat(HexFormat.of().formatHex(AuthScrambles.sha256("secret", NONCE))).isEqualTo(SHA2_SECRET);
    }

    @Test
    void sha2PassesTheServersFastAuthCheck() throws Exception {
        // the cache holds SHA256(SHA256(password)); the server unmasks with SHA256(cached + nonce)
        byte[] cached = digest("SHA-256", digest("SHA-256", "secret".getBytes(StandardCharsets.UTF_8)));
        byte[] stage1 = xor(AuthScrambles.sha256("secret", NONCE), digest("SHA-256", cached, NONCE));
        assertThat(digest("SHA-256", stage1)).isEqualTo(cached);
    }

    @Test
    void anEmptyPasswordIsAnEmptyResponse() {
        assertThat(AuthScrambles.nativePassword("", NONCE)).isEmpty();
        assertThat(AuthScrambles.sha256("", NONCE)).isEmpty();
        assertThat(AuthScrambles.scramble("caching_sha2_password", "", NONCE)).isEmpty();
    }

    @Test
    void theRsaPathEncryptsPasswordAndNulXorNonceWithOaep() throws Exception {
        KeyPair keys = KeyPairGenerator.getInstance("RSA").generateKeyPair();
        byte[] encrypted = AuthScrambles.rsaEncryptedPassword("a-password-longer-than-the-nonce", NONCE, pem(keys));
        assertThat(encrypted).hasSize(256);

        Cipher cipher = Cipher.getInstance("RSA/ECB/OAEPWithSHA-1AndMGF1Padding");
        cipher.init(Cipher.DECRYPT_MODE, keys.getPrivate());
        byte[] plain = cipher.doFinal(encrypted);
        for (int i = 0; i < plain.length; i++) {
            plain[i] ^= NONCE[i % NONCE.length];
        }
        assertThat(new String(plain, StandardCharsets.UTF_8)).isEqualTo("a-password-longer-than-the-nonce\0");
    }

    @Test
    void anUnreadableKeyIsAClearClientError() {
        assertThatThrownBy(() -> AuthScrambles.rsaEncryptedPassword("p", NONCE, "-----BEGIN RSA PUBLIC KEY-----\nAAAA\n"))
                .isInstanceOfSatisfying(MysqlException.class, e -> assertThat(e.code()).isEqualTo(2059))
                .hasMessageContaining("RSA public key");
        assertThatThrownBy(() -> AuthScrambles.rsaEncryptedPassword("p", NONCE,
                "-----BEGIN PUBLIC KEY-----\n!!not base64!!\n-----END PUBLIC KEY-----\n"))
                .isInstanceOf(MysqlException.class);
    }

    static String pem(KeyPair keys) {
        return "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(keys.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
    }
}
