package io.haven.core.sample;

import static io.haven.core.sample.ConverterCatalog.args;
import static io.haven.core.sample.ConverterCatalog.integer;

import io.haven.core.acl.SampleType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** String converters: {@code lower}, {@code upper}, {@code field}, {@code word}, {@code regsub}, {@code json}, {@code length}. */
final class TextConverters {
    private TextConverters() {
    }

    static void register(BiConsumer<String, ConverterCatalog.Factory> r) {
        r.accept("lower", (a, l) -> {
            args(a, 0, 0, "no argument");
            return Converter.of(SampleType.STR, SampleType.STR, s -> ((String) s).toLowerCase(Locale.ROOT));
        });
        r.accept("upper", (a, l) -> {
            args(a, 0, 0, "no argument");
            return Converter.of(SampleType.STR, SampleType.STR, s -> ((String) s).toUpperCase(Locale.ROOT));
        });
        r.accept("length", (a, l) -> {
            args(a, 0, 0, "no argument");
            return Converter.of(SampleType.STR, SampleType.INT, s -> (long) ((String) s).length());
        });
        r.accept("field", (a, l) -> split(a, false));
        r.accept("word", (a, l) -> split(a, true));
        r.accept("regsub", (a, l) -> regsub(a));
        r.accept("json", (a, l) -> json(a));
    }

    /**
     * {@code field(index,delimiters[,count])} and {@code word(...)}: the index-th field (1-based,
     * negative from the end) split on any of the delimiter characters; {@code word} skips empty
     * fields. {@code count} fields are returned with their delimiters (0: all the rest).
     */
    private static Converter split(List<String> a, boolean words) {
        String name = words ? "word" : "field";
        args(a, 2, 3, "(index,delimiters[,count])");
        int index = integer(a.get(0), name + " index");
        if (index == 0) {
            throw new IllegalArgumentException(name + " index must not be 0 (fields count from 1, or from -1 at the end)");
        }
        String delims = a.get(1);
        if (delims.isEmpty()) {
            throw new IllegalArgumentException(name + " needs at least one delimiter character");
        }
        int count = a.size() > 2 ? integer(a.get(2), name + " count") : 1;
        if (count < 0) {
            throw new IllegalArgumentException(name + " count must be 0 or more");
        }
        return Converter.of(SampleType.STR, SampleType.STR, s -> pick((String) s, index, delims, count, words));
    }

    static String pick(String s, int index, String delims, int count, boolean words) {
        List<int[]> spans = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= s.length(); i++) {
            if (i == s.length() || delims.indexOf(s.charAt(i)) >= 0) {
                if (!words || i > start) {
                    spans.add(new int[] {start, i});
                }
                start = i + 1;
            }
        }
        int first = index > 0 ? index - 1 : spans.size() + index;
        if (first < 0 || first >= spans.size()) {
            return null;
        }
        if (count == 0) {
            return index > 0 ? s.substring(spans.get(first)[0]) : s.substring(0, spans.get(first)[1]);
        }
        int last;
        if (index > 0) {
            last = Math.min(spans.size() - 1, first + count - 1);
            return s.substring(spans.get(first)[0], spans.get(last)[1]);
        }
        last = Math.max(0, first - count + 1);
        return s.substring(spans.get(last)[0], spans.get(first)[1]);
    }

    /** {@code regsub(regex,subst[,flags])}: flags {@code i} (ignore case) and {@code g} (every match); {@code \1}..{@code \9} in subst. */
    private static Converter regsub(List<String> a) {
        args(a, 2, 3, "(regex,subst[,flags])");
        String flags = a.size() > 2 ? a.get(2) : "";
        if (!flags.matches("[ig]*")) {
            throw new IllegalArgumentException("unknown regsub flags '" + flags + "', expected i and/or g");
        }
        Pattern p;
        try {
            p = Pattern.compile(a.get(0), flags.contains("i") ? Pattern.CASE_INSENSITIVE : 0);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression '" + a.get(0) + "': " + e.getDescription());
        }
        String subst = a.get(1);
        boolean global = flags.contains("g");
        return Converter.of(SampleType.STR, SampleType.STR, s -> regsub(p, (String) s, subst, global));
    }

    static String regsub(Pattern p, String s, String subst, boolean global) {
        Matcher m = p.matcher(s);
        StringBuilder out = new StringBuilder();
        int at = 0;
        while (m.find()) {
            out.append(s, at, m.start());
            HeaderValues.substitute(out, subst, m);
            at = m.end();
            if (!global) {
                break;
            }
        }
        out.append(s, at, s.length());
        return out.toString();
    }

    /**
     * {@code json([ascii|utf8|utf8s|utf8p|utf8ps])}: escapes a string for a JSON value as HAProxy
     * does ({@code " \ /} and control characters; bytes above 0x7e one by one in {@code ascii}, the
     * default; with utf8 modes, decoded characters as {@code \\uXXXX}). Invalid UTF-8 fails
     * {@code utf8}, is skipped by {@code utf8s} and replaced by {@code utf8p}.
     */
    private static Converter json(List<String> a) {
        args(a, 0, 1, "at most one argument: ascii, utf8, utf8s, utf8p or utf8ps");
        String mode = a.isEmpty() || a.get(0).isEmpty() ? "ascii" : a.get(0);
        if (!mode.matches("ascii|utf8|utf8s|utf8p|utf8ps")) {
            throw new IllegalArgumentException("unknown input code '" + mode + "', expected ascii, utf8, utf8s, utf8p or utf8ps");
        }
        return Converter.of(SampleType.STR, SampleType.STR, s -> json((String) s, mode));
    }

    static String json(String s, String mode) {
        byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
        StringBuilder out = new StringBuilder(bytes.length + 8);
        int i = 0;
        while (i < bytes.length) {
            int c = bytes[i] & 0xff;
            int len = 1;
            if (!mode.equals("ascii") && c >= 0x80) {
                len = utf8Length(bytes, i);
                if (len == 0) {
                    if (mode.equals("utf8")) {
                        return null;
                    }
                    if (mode.startsWith("utf8p")) {
                        out.append("\\ufffd");
                    }
                    i++;
                    continue;
                }
                c = decode(bytes, i, len);
            }
            i += len;
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '/' -> out.append("\\/");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.append((char) c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** The length of a valid UTF-8 sequence at {@code i}, or 0. */
    private static int utf8Length(byte[] b, int i) {
        int c = b[i] & 0xff;
        int len = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
        if (len == 0 || i + len > b.length) {
            return 0;
        }
        for (int k = 1; k < len; k++) {
            if ((b[i + k] & 0xc0) != 0x80) {
                return 0;
            }
        }
        return len;
    }

    private static int decode(byte[] b, int i, int len) {
        int c = b[i] & (0xff >> (len + 1));
        for (int k = 1; k < len; k++) {
            c = (c << 6) | (b[i + k] & 0x3f);
        }
        return c;
    }
}
