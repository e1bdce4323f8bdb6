package io.haven.mysql;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;

/**
 * What the two supported plugins send for a password and the server's nonce:
 * <ul>
 * <li>{@code mysql_native_password}: SHA1(password) XOR SHA1(nonce + SHA1(SHA1(password)));</li>
 * <li>{@code caching_sha2_password} fast path: SHA256(password) XOR
 *     SHA256(SHA256(SHA256(password)) + nonce);</li>
 * <li>{@code caching_sha2_password} full authentication without TLS: (password + NUL) XOR the
 *     nonce (repeated), encrypted with the server's RSA public key, OAEP padding (MySQL 8.0.5+).</li>
 * </ul>
 * An empty password is an empty response for both scrambles.
 */
final class AuthScrambles {
    static final String NATIVE_PASSWORD = "mysql_native_password";
    static final String CACHING_SHA2_PASSWORD = "caching_sha2_password";
    private static final String RSA_TRANSFORMATION = "RSA/ECB/OAEPWithSHA-1AndMGF1Padding";

    private AuthScrambles() {
    }

    static boolean supported(String plugin) {
        return NATIVE_PASSWORD.equals(plugin) || CACHING_SHA2_PASSWORD.equals(plugin);
    }

    /** The response of {@code plugin} (one of the supported ones) to {@code nonce}. */
    static byte[] scramble(String plugin, String password, byte[] nonce) {
        return CACHING_SHA2_PASSWORD.equals(plugin) ? sha256(password, nonce) : nativePassword(password, nonce);
    }

    static byte[] nativePassword(String password, byte[] nonce) {
        return xorScramble("SHA-1", password, nonce, true);
    }

    static byte[] sha256(String password, byte[] nonce) {
        return xorScramble("SHA-256", password, nonce, false);
    }

    private static byte[] xorScramble(String algorithm, String password, byte[] nonce, boolean nonceFirst) {
        if (password.isEmpty()) {
            return new byte[0];
        }
        MessageDigest md = digest(algorithm);
        byte[] stage1 = md.digest(password.getBytes(StandardCharsets.UTF_8));
        byte[] stage2 = md.digest(stage1);
        if (nonceFirst) {
            md.update(nonce);
            md.update(stage2);
        } else {
            md.update(stage2);
            md.update(nonce);
        }
        byte[] mask = md.digest();
        for (int i = 0; i < stage1.length; i++) {
            stage1[i] ^= mask[i];
        }
        return stage1;
    }

    /**
     * The RSA-encrypted password for caching_sha2 full authentication.
     *
     * @param pem the server's public key, {@code -----BEGIN PUBLIC KEY-----} (X.509 SubjectPublicKeyInfo)
     * @throws MysqlException (2059) if the key cannot be read or used
     */
    static byte[] rsaEncryptedPassword(String password, byte[] nonce, String pem) throws MysqlException {
        byte[] utf8 = password.getBytes(StandardCharsets.UTF_8);
        byte[] plain = Arrays.copyOf(utf8, utf8.length + 1); // the server expects the NUL
        for (int i = 0; i < plain.length; i++) {
            plain[i] ^= nonce[i % nonce.length];
        }
        try {
            Cipher cipher = Cipher.getInstance(RSA_TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, publicKey(pem));
            return cipher.doFinal(plain);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new MysqlException(MysqlException.AUTH_PLUGIN_CANNOT_LOAD, MysqlException.GENERAL_SQL_STATE,
                    "caching_sha2_password: cannot encrypt the password with the server's RSA public key: " + e);
        } finally {
            Arrays.fill(plain, (byte) 0);
        }
    }

    static PublicKey publicKey(String pem) throws GeneralSecurityException {
        String begin = "-----BEGIN PUBLIC KEY-----";
        String end = "-----END PUBLIC KEY-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new GeneralSecurityException("not a PEM public key (BEGIN PUBLIC KEY)");
        }
        String base64 = pem.substring(from + begin.length(), to).replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is required of every JDK", e);
        }
    }
}
