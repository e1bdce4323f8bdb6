package io.haven.proxy.http;

import java.util.List;
import java.util.Locale;

/**
 * What a message's headers say about its framing and its connection, read the same way for
 * requests and responses: Content-Length (every value a plain number, all equal), the
 * Transfer-Encoding codings (nothing after chunked), Host lines, and Connection's close and
 * keep-alive tokens. Errors carry 400; the response parser turns them into 502.
 */
final class FramingHeaders {
    long length = -1;
    int lengthHeaders;
    boolean chunked;
    int codings;
    int hosts;
    boolean close;

    static FramingHeaders of(List<HeaderField> headers, int minor) throws HttpParseException {
        FramingHeaders s = new FramingHeaders();
        s.close = minor == 0;
        for (HeaderField f : headers) {
            if (f.is("content-length")) {
                s.lengthHeaders++;
                for (String v : f.value().split(",", -1)) {
                    long n = HeadLines.plainNumber(v.strip());
                    if (s.length >= 0 && n != s.length) {
                        throw new HttpParseException(400, "conflicting Content-Length values");
                    }
                    s.length = n;
                }
            } else if (f.is("transfer-encoding")) {
                for (String coding : f.value().split(",", -1)) {
                    String c = coding.strip().toLowerCase(Locale.ROOT);
                    if (c.isEmpty()) {
                        continue;
                    }
                    if (s.chunked) {
                        throw new HttpParseException(400, "Transfer-Encoding after chunked");
                    }
                    s.chunked = c.equals("chunked");
                    s.codings++;
                }
            } else if (f.is("host")) {
                s.hosts++;
            } else if (f.is("connection")) {
                for (String t : f.value().split(",")) {
                    String v = t.strip().toLowerCase(Locale.ROOT);
                    if (v.equals("close")) {
                        s.close = true;
                    } else if (v.equals("keep-alive") && minor == 0) {
                        s.close = false;
                    }
                }
            }
        }
        return s;
    }

    /** The headers without their Content-Length lines (dropped beside a chunked coding). */
    static List<HeaderField> withoutLength(List<HeaderField> headers) {
        return headers.stream().filter(f -> !f.is("content-length")).toList();
    }
}
