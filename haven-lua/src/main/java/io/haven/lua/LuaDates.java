package io.haven.lua;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.Locale;

/**
 * The three HTTP date formats of RFC 7231 section 7.1.1.1, for {@code core.imf_date},
 * {@code core.rfc850_date}, {@code core.asctime_date} and {@code core.http_date} (any of them).
 * A date that does not parse gives null (nil in Lua).
 */
final class LuaDates {
    private static final DateTimeFormatter IMF = strict("EEE, dd MMM uuuu HH:mm:ss 'GMT'");
    private static final DateTimeFormatter RFC850 = new DateTimeFormatterBuilder()
            .appendPattern("EEEE, dd-MMM-")
            .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
            .appendPattern(" HH:mm:ss 'GMT'")
            .toFormatter(Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    private static final DateTimeFormatter ASCTIME = strict("EEE MMM ppd HH:mm:ss uuuu");

    private LuaDates() {
    }

    private static DateTimeFormatter strict(String pattern) {
        return DateTimeFormatter.ofPattern(pattern, Locale.ENGLISH).withResolverStyle(ResolverStyle.STRICT);
    }

    static Long imf(String s) {
        return parse(s, IMF);
    }

    static Long rfc850(String s) {
        return parse(s, RFC850);
    }

    static Long asctime(String s) {
        return parse(s, ASCTIME);
    }

    static Long any(String s) {
        Long v = imf(s);
        if (v == null) {
            v = rfc850(s);
        }
        return v != null ? v : asctime(s);
    }

    private static Long parse(String s, DateTimeFormatter f) {
        try {
            return LocalDateTime.parse(s.trim(), f).toEpochSecond(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
