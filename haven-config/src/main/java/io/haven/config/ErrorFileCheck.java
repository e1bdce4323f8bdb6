package io.haven.config;

import java.nio.charset.StandardCharsets;

/** Checks an {@code errorfile} at load: it must be a raw HTTP/1.x response, as HAProxy requires. */
final class ErrorFileCheck {
    private ErrorFileCheck() {
    }

    /** Why {@code raw} is not a complete HTTP/1.x response head (status line, header lines, empty line), or null. */
    static String problem(byte[] raw) {
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        int sep = 4;
        int lf = text.indexOf("\n\n");
        if (end < 0 || (lf >= 0 && lf < end)) {
            end = lf;
            sep = 2;
        }
        if (end < 0) {
            return "no empty line after the headers";
        }
        String[] lines = text.substring(0, end).split("\r?\n");
        if (!lines[0].matches("HTTP/1\\.[01] [1-5]\\d\\d( .*)?")) {
            return "invalid status line '" + lines[0] + "'";
        }
        for (int i = 1; i < lines.length; i++) {
            if (!lines[i].matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+:.*")) {
                return "invalid header line '" + lines[i] + "'";
            }
        }
        return end + sep <= raw.length ? null : "truncated";
    }
}
