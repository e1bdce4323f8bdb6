package io.haven.core.log;

import io.haven.config.model.HeaderCapture;
import io.haven.core.http.HttpHeaders;
import java.util.List;

/**
 * Header captures ({@code capture request|response header NAME len N}) and how HAProxy prints
 * them: {@code %hr}/{@code %hs} as {@code {v1|v2}} (a header that was absent leaves its slot
 * empty), {@code %hrl}/{@code %hsl} as space-separated fields ({@code -} for an absent one; with
 * {@code +Q} each field in quotes, {@code ""} for an absent one; {@code %{+Q}hr} quotes the braces).
 * Control characters, bytes above 126 and {@code " # { | }} print as {@code #XX}, as HAProxy's
 * header encoding does.
 */
public final class CapturedHeaders {
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private CapturedHeaders() {
    }

    /**
     * The values {@code captures} take from {@code headers}: each header's last line, cut to its
     * length; null where absent, and in the slots {@code http-request capture} rules fill later.
     */
    public static String[] capture(List<HeaderCapture> captures, HttpHeaders headers) {
        String[] out = new String[captures.size()];
        for (int i = 0; i < out.length; i++) {
            HeaderCapture c = captures.get(i);
            if (c.bySample()) {
                continue;
            }
            String v = headers.last(c.name());
            out[i] = v == null || v.length() <= c.length() ? v : v.substring(0, c.length());
        }
        return out;
    }

    /** {@code %hr}, {@code %hs}: nothing without captures. */
    public static void appendBraces(String[] values, StringBuilder out) {
        if (values == null || values.length == 0) {
            return;
        }
        out.append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('|');
            }
            encode(values[i], out);
        }
        out.append('}');
    }

    /** {@code %hrl}, {@code %hsl}: nothing without captures. */
    public static void appendList(String[] values, StringBuilder out) {
        appendList(values, false, out);
    }

    /** {@code %{+Q}hrl}, {@code %{+Q}hsl} when {@code quote}: each value in its own quotes, {@code ""} when absent. */
    public static void appendList(String[] values, boolean quote, StringBuilder out) {
        if (values == null) {
            return;
        }
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append(' ');
            }
            if (quote) {
                out.append('"');
                encode(values[i], out);
                out.append('"');
            } else if (values[i] == null) {
                out.append('-');
            } else {
                encode(values[i], out);
            }
        }
    }

    private static void encode(String v, StringBuilder out) {
        if (v == null) {
            return;
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < 32 || c > 126 || c == '"' || c == '#' || c == '{' || c == '|' || c == '}') {
                out.append('#').append(HEX[(c >> 4) & 0xF]).append(HEX[c & 0xF]);
            } else {
                out.append(c);
            }
        }
    }
}
