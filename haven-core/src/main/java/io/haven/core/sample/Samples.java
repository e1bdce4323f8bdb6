package io.haven.core.sample;

import io.haven.core.acl.SampleType;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * HAProxy's casts between sample types. Strings and binaries convert byte for byte (ISO-8859-1,
 * as header bytes are carried), integers read a leading signed decimal number, IPv4 addresses
 * are integers in network order. A cast that cannot be done yields null: no sample.
 */
public final class Samples {
    private Samples() {
    }

    public static SampleType typeOf(Object v) {
        if (v instanceof Boolean) {
            return SampleType.BOOL;
        }
        if (v instanceof Long) {
            return SampleType.INT;
        }
        if (v instanceof InetAddress) {
            return SampleType.IP;
        }
        if (v instanceof byte[]) {
            return SampleType.BIN;
        }
        return SampleType.STR;
    }

    /** Whether a sample of type {@code from} can be cast to {@code to} (HAProxy's cast matrix, simplified). */
    public static boolean castable(SampleType from, SampleType to) {
        if (from == to || to == SampleType.STR || to == SampleType.BIN) {
            return true;
        }
        return switch (to) {
            case BOOL, INT -> from != SampleType.IP || to == SampleType.INT;
            case IP -> from == SampleType.STR || from == SampleType.INT;
            default -> false;
        };
    }

    public static Object cast(Object v, SampleType to) {
        if (v == null) {
            return null;
        }
        return switch (to) {
            case STR -> toStr(v);
            case INT -> toLong(v);
            case BOOL -> toBool(v);
            case IP -> toIp(v);
            case BIN -> toBin(v);
        };
    }

    public static String toStr(Object v) {
        if (v == null || v instanceof String) {
            return (String) v;
        }
        if (v instanceof Boolean b) {
            return b ? "1" : "0";
        }
        if (v instanceof InetAddress a) {
            return a.getHostAddress();
        }
        if (v instanceof byte[] b) {
            return new String(b, StandardCharsets.ISO_8859_1);
        }
        return v.toString();
    }

    public static Long toLong(Object v) {
        if (v instanceof Long l) {
            return l;
        }
        if (v instanceof Boolean b) {
            return b ? 1L : 0L;
        }
        if (v instanceof Inet4Address a) {
            return ByteBuffer.wrap(a.getAddress()).getInt() & 0xffffffffL;
        }
        if (v instanceof String s) {
            return leadingLong(s);
        }
        return null;
    }

    /** A leading optionally signed decimal number, as HAProxy's str-to-int cast reads it; null without digits. */
    static Long leadingLong(String s) {
        int i = 0;
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            negative = s.charAt(i) == '-';
            i++;
        }
        int start = i;
        long n = 0;
        while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
            n = n * 10 + (s.charAt(i) - '0');
            i++;
        }
        if (i == start) {
            return null;
        }
        return negative ? -n : n;
    }

    public static Boolean toBool(Object v) {
        if (v instanceof Boolean b) {
            return b;
        }
        Long l = toLong(v);
        return l == null ? null : l != 0;
    }

    public static InetAddress toIp(Object v) {
        if (v instanceof InetAddress a) {
            return a;
        }
        if (v instanceof Long l) {
            return ipv4(l);
        }
        if (v instanceof String s) {
            return parseIp(s);
        }
        return null;
    }

    public static byte[] toBin(Object v) {
        if (v instanceof byte[] b) {
            return b;
        }
        if (v instanceof Long || v instanceof Boolean) {
            return ByteBuffer.allocate(8).putLong(toLong(v)).array();
        }
        if (v instanceof InetAddress a) {
            return a.getAddress();
        }
        return ((String) v).getBytes(StandardCharsets.ISO_8859_1);
    }

    private static InetAddress ipv4(long l) {
        try {
            return InetAddress.getByAddress(ByteBuffer.allocate(4).putInt((int) l).array());
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An IPv4 or IPv6 literal, never resolved through DNS; null if {@code s} is not one. */
    public static InetAddress parseIp(String s) {
        String t = s.trim();
        if (t.isEmpty() || !(t.matches("\\d{1,3}(\\.\\d{1,3}){3}") || t.matches("[0-9a-fA-F:.]*:[0-9a-fA-F:.]*"))) {
            return null;
        }
        try {
            return InetAddress.getByName(t);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
