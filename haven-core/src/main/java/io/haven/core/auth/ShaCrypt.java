package io.haven.core.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * SHA-crypt, the {@code $5$} (SHA-256) and {@code $6$} (SHA-512) password hashes of crypt(3),
 * written from Ulrich Drepper's published specification: {@code $id$[rounds=N$]salt$hash}, salt
 * of at most 16 characters, 5000 rounds by default, clamped to 1000..999999999.
 */
public final class ShaCrypt {
    private static final String B64 = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private static final int DEFAULT_ROUNDS = 5000;

    private ShaCrypt() {
    }

    /** Whether {@code hash} is a SHA-crypt string this class can verify. */
    public static boolean supports(String hash) {
        return (hash.startsWith("$5$") || hash.startsWith("$6$")) && hash.indexOf('$', 3) > 0;
    }

    /** Whether {@code password} hashes to {@code hash}, compared in constant time. */
    public static boolean verify(String password, String hash) {
        if (!supports(hash)) {
            return false;
        }
        String computed = crypt(password, hash);
        return MessageDigest.isEqual(computed.getBytes(StandardCharsets.UTF_8), hash.getBytes(StandardCharsets.UTF_8));
    }

    /** crypt(3) of {@code password} with the id, rounds and salt of {@code setting} ({@code $5$salt} or a full hash). */
    public static String crypt(String password, String setting) {
        boolean sha512 = setting.startsWith("$6$");
        if (!sha512 && !setting.startsWith("$5$")) {
            throw new IllegalArgumentException("not a SHA-crypt setting: " + setting);
        }
        String rest = setting.substring(3);
        int rounds = DEFAULT_ROUNDS;
        boolean explicitRounds = false;
        if (rest.startsWith("rounds=")) {
            int end = rest.indexOf('$');
            if (end < 0) {
                throw new IllegalArgumentException("missing '$' after rounds in " + setting);
            }
            long r = Long.parseLong(rest.substring(7, end));
            rounds = (int) Math.max(1000, Math.min(999_999_999L, r));
            explicitRounds = true;
            rest = rest.substring(end + 1);
        }
        int dollar = rest.indexOf('$');
        String salt = dollar < 0 ? rest : rest.substring(0, dollar);
        if (salt.length() > 16) {
            salt = salt.substring(0, 16);
        }
        byte[] p = password.getBytes(StandardCharsets.UTF_8);
        byte[] s = salt.getBytes(StandardCharsets.UTF_8);
        MessageDigest md = digest(sha512);
        int size = md.getDigestLength();

        md.update(p);
        md.update(s);
        md.update(p);
        byte[] b = md.digest();

        md.update(p);
        md.update(s);
        for (int n = p.length; n > 0; n -= size) {
            md.update(b, 0, Math.min(n, size));
        }
        for (int n = p.length; n > 0; n >>= 1) {
            if ((n & 1) != 0) {
                md.update(b);
            } else {
                md.update(p);
            }
        }
        byte[] a = md.digest();

        for (int i = 0; i < p.length; i++) {
            md.update(p);
        }
        byte[] dp = sequence(md.digest(), p.length, size);

        for (int i = 0; i < 16 + (a[0] & 0xff); i++) {
            md.update(s);
        }
        byte[] ds = sequence(md.digest(), s.length, size);

        byte[] c = a;
        for (int i = 0; i < rounds; i++) {
            if ((i & 1) != 0) {
                md.update(dp);
            } else {
                md.update(c);
            }
            if (i % 3 != 0) {
                md.update(ds);
            }
            if (i % 7 != 0) {
                md.update(dp);
            }
            if ((i & 1) != 0) {
                md.update(c);
            } else {
                md.update(dp);
            }
            c = md.digest();
        }
        StringBuilder out = new StringBuilder(sha512 ? "$6$" : "$5$");
        if (explicitRounds) {
            out.append("rounds=").append(rounds).append('$');
        }
        out.append(salt).append('$');
        encode(c, sha512, out);
        return out.toString();
    }

    /** The first {@code length} bytes of {@code digest} repeated (Drepper's P and S sequences). */
    private static byte[] sequence(byte[] digest, int length, int size) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i += size) {
            System.arraycopy(digest, 0, out, i, Math.min(size, length - i));
        }
        return out;
    }

    private static MessageDigest digest(boolean sha512) {
        try {
            return MessageDigest.getInstance(sha512 ? "SHA-512" : "SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void encode(byte[] c, boolean sha512, StringBuilder out) {
        if (sha512) {
            int[][] order = {
                {0, 21, 42}, {22, 43, 1}, {44, 2, 23}, {3, 24, 45}, {25, 46, 4}, {47, 5, 26}, {6, 27, 48},
                {28, 49, 7}, {50, 8, 29}, {9, 30, 51}, {31, 52, 10}, {53, 11, 32}, {12, 33, 54}, {34, 55, 13},
                {56, 14, 35}, {15, 36, 57}, {37, 58, 16}, {59, 17, 38}, {18, 39, 60}, {40, 61, 19}, {62, 20, 41}};
            for (int[] o : order) {
                b64(c[o[0]], c[o[1]], c[o[2]], 4, out);
            }
            b64((byte) 0, (byte) 0, c[63], 2, out);
        } else {
            int[][] order = {
                {0, 10, 20}, {21, 1, 11}, {12, 22, 2}, {3, 13, 23}, {24, 4, 14}, {15, 25, 5}, {6, 16, 26},
                {27, 7, 17}, {18, 28, 8}, {9, 19, 29}};
            for (int[] o : order) {
                b64(c[o[0]], c[o[1]], c[o[2]], 4, out);
            }
            b64((byte) 0, c[31], c[30], 3, out);
        }
    }

    private static void b64(byte b2, byte b1, byte b0, int n, StringBuilder out) {
        int w = ((b2 & 0xff) << 16) | ((b1 & 0xff) << 8) | (b0 & 0xff);
        for (int i = 0; i < n; i++) {
            out.append(B64.charAt(w & 0x3f));
            w >>>= 6;
        }
    }
}
