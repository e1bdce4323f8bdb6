package io.haven.config;

import java.util.HexFormat;

/** Parsers for the value syntaxes HAProxy uses: times with units, integers, addresses. */
public final class Values {
    private Values() {
    }

    /**
     * A time in milliseconds: a number with an optional unit {@code us ms s m h d}; no unit means ms,
     * as in HAProxy. Microseconds round up to one millisecond.
     */
    public static long time(Line line, int index) throws ConfigException {
        String v = required(line, index, "a time such as 5s, 500ms or 2m");
        int split = 0;
        while (split < v.length() && Character.isDigit(v.charAt(split))) {
            split++;
        }
        if (split == 0) {
            throw bad(line, v, "a time such as 5s, 500ms or 2m");
        }
        long n;
        try {
            n = Long.parseLong(v.substring(0, split));
        } catch (NumberFormatException e) {
            throw bad(line, v, "a time such as 5s, 500ms or 2m");
        }
        String unit = v.substring(split);
        long ms = switch (unit) {
            case "", "ms" -> n;
            case "us" -> (n + 999) / 1000;
            case "s" -> n * 1000;
            case "m" -> n * 60_000;
            case "h" -> n * 3_600_000;
            case "d" -> n * 86_400_000;
            default -> throw bad(line, v, "a time unit among us, ms, s, m, h, d");
        };
        if (ms > Integer.MAX_VALUE) {
            throw bad(line, v, "a time below 24 days (HAProxy's limit)");
        }
        return ms;
    }

    /** A non-negative integer no greater than {@code max}. */
    public static int integer(Line line, int index, int min, int max) throws ConfigException {
        String v = required(line, index, "an integer between " + min + " and " + max);
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw bad(line, v, "an integer between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad(line, v, "an integer between " + min + " and " + max);
        }
    }

    public static int port(Line line, String text) throws ConfigException {
        try {
            int p = Integer.parseInt(text);
            if (p < 1 || p > 65535) {
                throw bad(line, text, "a port between 1 and 65535");
            }
            return p;
        } catch (NumberFormatException e) {
            throw bad(line, text, "a port between 1 and 65535");
        }
    }

    /** {@code host:port}, {@code :port} or {@code *:port}; returns {host, port} with "" for any host. */
    public static HostPort hostPort(Line line, String text, boolean portRequired) throws ConfigException {
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            if (portRequired) {
                throw bad(line, text, "an address with a port, as ADDR:PORT");
            }
            return new HostPort(text, 0);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.equals("*") || host.equals("0.0.0.0")) {
            host = host.equals("*") ? "" : host;
        }
        String portText = text.substring(colon + 1);
        if (portText.isEmpty() && !portRequired) {
            return new HostPort(host, 0);
        }
        if (portText.contains("-")) {
            throw bad(line, text, "a single port (port ranges are not implemented)");
        }
        return new HostPort(host, port(line, portText));
    }

    public static byte[] hex(Line line, String text) throws ConfigException {
        try {
            return HexFormat.of().parseHex(text);
        } catch (IllegalArgumentException e) {
            throw bad(line, text, "an even number of hexadecimal digits");
        }
    }

    public static String required(Line line, int index, String expected) throws ConfigException {
        String v = line.word(index);
        if (v == null) {
            throw new ConfigException(line.location(), keywordOf(line, index),
                    "missing argument, expected " + expected);
        }
        return v;
    }

    static String keywordOf(Line line, int index) {
        return String.join(" ", line.words().subList(0, Math.min(index, line.size())));
    }

    public static ConfigException bad(Line line, String value, String expected) {
        return new ConfigException(line.location(), line.keyword(),
                "invalid value '" + value + "', expected " + expected);
    }

    /** An address and port as written; host "" means any address. */
    public record HostPort(String host, int port) {
    }
}
