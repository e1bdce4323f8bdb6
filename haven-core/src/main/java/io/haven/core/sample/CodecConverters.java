package io.haven.core.sample;

import static io.haven.core.sample.ConverterCatalog.args;

import io.haven.core.acl.SampleType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.BiConsumer;
import java.util.zip.CRC32;

/** Binary converters: {@code base64}, {@code b64dec}, {@code hex}, {@code sha1}, {@code crc32}. */
final class CodecConverters {
    private CodecConverters() {
    }

    static void register(BiConsumer<String, ConverterCatalog.Factory> r) {
        r.accept("base64", (a, l) -> {
            args(a, 0, 0, "no argument");
            return Converter.of(SampleType.BIN, SampleType.STR, s -> Base64.getEncoder().encodeToString((byte[]) s));
        });
        r.accept("b64dec", (a, l) -> {
            args(a, 0, 0, "no argument");
            return Converter.of(SampleType.STR, SampleType.BIN, s -> b64dec((String) s));
        });
        r.accept("hex", (a, l) -> {
            args(a, 0, 0, "no argument");
            return Converter.of(SampleType.BIN, SampleType.STR, s -> HexFormat.of().withUpperCase().formatHex((byte[]) s));
        });
        r.accept("sha1", (a, l) -> {
            args(a, 0, 0, "no argument");
            return Converter.of(SampleType.BIN, SampleType.BIN, s -> sha1((byte[]) s));
        });
        r.accept("crc32", (a, l) -> {
            args(a, 0, 1, "at most one argument, avalanche (0 or 1)");
            boolean avalanche = !a.isEmpty() && ConverterCatalog.integer(a.get(0), "crc32 avalanche") != 0;
            return Converter.of(SampleType.BIN, SampleType.INT, s -> crc32((byte[]) s, avalanche));
        });
    }

    private static byte[] b64dec(String s) {
        try {
            return Base64.getDecoder().decode(s.getBytes(StandardCharsets.ISO_8859_1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static byte[] sha1(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-1").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static long crc32(byte[] b, boolean avalanche) {
        CRC32 crc = new CRC32();
        crc.update(b);
        long v = crc.getValue();
        return avalanche ? fullAvalanche((int) v) & 0xffffffffL : v;
    }

    /** Bob Jenkins' full avalanche mix, as HAProxy applies to hash results on request. */
    private static int fullAvalanche(int a) {
        a = (a + 0x7ed55d16) + (a << 12);
        a = (a ^ 0xc761c23c) ^ (a >>> 19);
        a = (a + 0x165667b1) + (a << 5);
        a = (a + 0xd3a2646c) ^ (a << 9);
        a = (a + 0xfd7046c5) + (a << 3);
        a = (a ^ 0xb55a4f09) ^ (a >>> 16);
        return a;
    }
}
