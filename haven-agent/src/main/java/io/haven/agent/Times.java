package io.haven.agent;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/**
 * HAProxy's time syntax for the agent's options and query parameters: a number with an optional
 * unit {@code us ms s m h}; no unit means milliseconds, as in HAProxy. A decimal point is also
 * accepted ({@code 1.5s}), which HAProxy does not, because lag thresholds are often fractional.
 */
public final class Times {
    private Times() {
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException naming what would be accepted
     */
    public static Duration parse(String text) {
        String v = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        int split = 0;
        while (split < v.length() && (Character.isDigit(v.charAt(split)) || v.charAt(split) == '.')) {
            split++;
        }
        if (split == 0) {
            throw bad(text);
        }
        BigDecimal n;
        try {
            n = new BigDecimal(v.substring(0, split));
        } catch (NumberFormatException e) {
            throw bad(text);
        }
        long nanosPerUnit = switch (v.substring(split)) {
            case "", "ms" -> 1_000_000L;
            case "us" -> 1_000L;
            case "s" -> 1_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "h" -> 3_600_000_000_000L;
            default -> throw bad(text);
        };
        try {
            return Duration.ofNanos(n.multiply(BigDecimal.valueOf(nanosPerUnit)).longValueExact());
        } catch (ArithmeticException e) {
            throw bad(text);
        }
    }

    /** {@code 1.234s}: seconds with millisecond precision, the form used in bodies and logs. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        String sign = ms < 0 ? "-" : "";
        ms = Math.abs(ms);
        return String.format(Locale.ROOT, "%s%d.%03ds", sign, ms / 1000, ms % 1000);
    }

    private static IllegalArgumentException bad(String text) {
        return new IllegalArgumentException("'" + text + "' is not a time; expected a number with a unit"
                + " among us, ms, s, m, h (no unit means ms), e.g. 500ms or 2s");
    }
}
