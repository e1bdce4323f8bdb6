package io.haven.proxy.http;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses an HTTP/1.x request head strictly, so that Haven and the server can never disagree on
 * where a request ends (no request smuggling). Rejected with 400: bare CR, control characters,
 * header names with invalid characters or whitespace before the colon, folded headers, a request
 * line or headers larger than {@code maxHead} ({@code tune.bufsize}), Content-Length values that
 * are not plain digits or that conflict (identical duplicates are merged), a Transfer-Encoding
 * whose last coding is not {@code chunked} or that repeats it or comes with HTTP/1.0, a missing
 * or repeated Host in HTTP/1.1. With both chunked Transfer-Encoding and Content-Length the length
 * is dropped and the connection closes after the response, as HAProxy does. Versions other than
 * 1.0 and 1.1 get 505. Leading empty lines are skipped; a bare LF ends a line as CRLF does.
 *
 * <p>One parser per connection: it remembers how far it scanned for the end of the head, so
 * bytes arriving in small pieces are not scanned again. {@link #parse} does not consume; the
 * caller skips {@link RequestHead#headLength()} bytes, then calls {@link #reset()} before the next request.
 */
public final class RequestHeadParser {
    public static final int DEFAULT_MAX_HEAD = 16_384;

    private final int maxHead;
    private int scanned;

    public RequestHeadParser(int maxHead) {
        this.maxHead = maxHead;
    }

    public void reset() {
        scanned = 0;
    }

    /** The head at the start of {@code buf}'s readable bytes, or null while incomplete. */
    public RequestHead parse(ByteBuf buf) throws HttpParseException {
        int start = buf.readerIndex();
        int readable = buf.readableBytes();
        int end = findEnd(buf, start, readable);
        if (end < 0) {
            if (readable >= maxHead) {
                throw new HttpParseException(400, "request head larger than " + maxHead + " bytes");
            }
            return null;
        }
        if (end > maxHead) {
            throw new HttpParseException(400, "request head larger than " + maxHead + " bytes");
        }
        byte[] head = new byte[end];
        buf.getBytes(start, head);
        return parseHead(head);
    }

    /** Length of the head including its empty line, or -1; skips the empty lines before the request line. */
    private int findEnd(ByteBuf buf, int start, int readable) {
        int limit = Math.min(readable, maxHead + 1);
        int i = Math.max(scanned - 3, 0);
        // the end is a LF that follows a LF, optionally with one CR between them, after the first non-empty line
        for (; i < limit; i++) {
            if (buf.getByte(start + i) != '\n') {
                continue;
            }
            int j = i - 1;
            if (j >= 0 && buf.getByte(start + j) == '\r') {
                j--;
            }
            if (j >= 0 && buf.getByte(start + j) == '\n' && !onlyEmptyLines(buf, start, j + 1)) {
                scanned = i + 1;
                return i + 1;
            }
        }
        scanned = limit;
        return -1;
    }

    private static boolean onlyEmptyLines(ByteBuf buf, int start, int length) {
        for (int k = 0; k < length; k++) {
            byte b = buf.getByte(start + k);
            if (b != '\r' && b != '\n') {
                return false;
            }
        }
        return true;
    }

    static RequestHead parseHead(byte[] h) throws HttpParseException {
        int pos = 0;
        while (pos < h.length && (h[pos] == '\r' || h[pos] == '\n')) {
            if (h[pos] == '\r' && (pos + 1 >= h.length || h[pos + 1] != '\n')) {
                throw new HttpParseException(400, "bare CR before the request line");
            }
            pos++;
        }
        int lineEnd = lineEnd(h, pos);
        int contentEnd = contentEnd(h, pos, lineEnd);
        // request-line = method SP request-target SP HTTP-version
        int sp1 = pos;
        while (sp1 < contentEnd && HttpSyntax.token(h[sp1])) {
            sp1++;
        }
        if (sp1 == pos || sp1 >= contentEnd || h[sp1] != ' ') {
            throw new HttpParseException(400, "invalid method in the request line");
        }
        int sp2 = sp1 + 1;
        while (sp2 < contentEnd && HttpSyntax.target(h[sp2])) {
            sp2++;
        }
        if (sp2 == sp1 + 1 || sp2 >= contentEnd || h[sp2] != ' ') {
            throw new HttpParseException(400, "invalid request target");
        }
        int minor = version(h, sp2 + 1, contentEnd);
        String method = ascii(h, pos, sp1);
        String uri = ascii(h, sp1 + 1, sp2);
        List<HeaderField> headers = new ArrayList<>();
        pos = lineEnd + 1;
        while (true) {
            int le = lineEnd(h, pos);
            int ce = contentEnd(h, pos, le);
            if (ce == pos) {
                pos = le + 1;
                break;
            }
            headers.add(field(h, pos, ce));
            pos = le + 1;
        }
        return frame(method, uri, minor, headers, pos);
    }

    private static int lineEnd(byte[] h, int from) throws HttpParseException {
        for (int i = from; i < h.length; i++) {
            if (h[i] == '\n') {
                return i;
            }
        }
        throw new HttpParseException(400, "unterminated line");
    }

    /** Where the line's content ends: before a CR that precedes the LF; any other CR is bare. */
    private static int contentEnd(byte[] h, int from, int lf) throws HttpParseException {
        int end = lf > from && h[lf - 1] == '\r' ? lf - 1 : lf;
        for (int i = from; i < end; i++) {
            if (h[i] == '\r') {
                throw new HttpParseException(400, "bare CR in the request head");
            }
        }
        return end;
    }

    private static int version(byte[] h, int from, int end) throws HttpParseException {
        if (end - from != 8 || h[from] != 'H' || h[from + 1] != 'T' || h[from + 2] != 'T' || h[from + 3] != 'P'
                || h[from + 4] != '/' || !digit(h[from + 5]) || h[from + 6] != '.' || !digit(h[from + 7])) {
            throw new HttpParseException(400, "invalid HTTP version in the request line");
        }
        if (h[from + 5] != '1' || (h[from + 7] != '0' && h[from + 7] != '1')) {
            throw new HttpParseException(505, "HTTP version " + ascii(h, from + 5, end) + " not supported");
        }
        return h[from + 7] - '0';
    }

    private static HeaderField field(byte[] h, int from, int end) throws HttpParseException {
        if (h[from] == ' ' || h[from] == '\t') {
            throw new HttpParseException(400, "folded header line (obs-fold)");
        }
        int colon = from;
        while (colon < end && HttpSyntax.token(h[colon])) {
            colon++;
        }
        if (colon >= end || h[colon] != ':') {
            boolean space = colon < end && (h[colon] == ' ' || h[colon] == '\t');
            throw new HttpParseException(400, space ? "whitespace between a header name and its colon"
                    : colon == from ? "header line without a name" : "invalid character in a header name");
        }
        if (colon == from) {
            throw new HttpParseException(400, "header line without a name");
        }
        int vs = colon + 1;
        int ve = end;
        for (int i = vs; i < ve; i++) {
            if (!HttpSyntax.fieldValue(h[i])) {
                throw new HttpParseException(400, "control character in header '" + ascii(h, from, colon) + "'");
            }
        }
        while (vs < ve && (h[vs] == ' ' || h[vs] == '\t')) {
            vs++;
        }
        while (ve > vs && (h[ve - 1] == ' ' || h[ve - 1] == '\t')) {
            ve--;
        }
        return new HeaderField(ascii(h, from, colon), new String(h, vs, ve - vs, StandardCharsets.ISO_8859_1));
    }

    /** Decides the body framing and whether the connection closes after the response. */
    private static RequestHead frame(String method, String uri, int minor, List<HeaderField> headers, int headLength)
            throws HttpParseException {
        long length = -1;
        int lengthHeaders = 0;
        boolean chunked = false;
        int codings = 0;
        int hosts = 0;
        boolean close = minor == 0;
        for (HeaderField f : headers) {
            if (f.is("content-length")) {
                lengthHeaders++;
                for (String v : f.value().split(",", -1)) {
                    long n = plainNumber(v.strip());
                    if (length >= 0 && n != length) {
                        throw new HttpParseException(400, "conflicting Content-Length values");
                    }
                    length = n;
                }
            } else if (f.is("transfer-encoding")) {
                for (String coding : f.value().split(",", -1)) {
                    String c = coding.strip().toLowerCase(Locale.ROOT);
                    if (c.isEmpty()) {
                        continue;
                    }
                    if (chunked) {
                        throw new HttpParseException(400, "Transfer-Encoding after chunked");
                    }
                    chunked = c.equals("chunked");
                    codings++;
                }
            } else if (f.is("host")) {
                hosts++;
            } else if (f.is("connection")) {
                for (String t : f.value().split(",")) {
                    String v = t.strip().toLowerCase(Locale.ROOT);
                    if (v.equals("close")) {
                        close = true;
                    } else if (v.equals("keep-alive") && minor == 0) {
                        close = false;
                    }
                }
            }
        }
        if (minor == 1 && hosts != 1) {
            throw new HttpParseException(400, hosts == 0 ? "HTTP/1.1 request without Host" : "more than one Host header");
        }
        if (codings > 0) {
            if (minor == 0) {
                throw new HttpParseException(400, "Transfer-Encoding in an HTTP/1.0 request");
            }
            if (!chunked) {
                throw new HttpParseException(400, "Transfer-Encoding whose final coding is not chunked");
            }
        }
        List<HeaderField> forward = headers;
        BodyFraming framing = BodyFraming.NONE;
        if (chunked) {
            framing = BodyFraming.CHUNKED;
            if (lengthHeaders > 0) {
                forward = headers.stream().filter(f -> !f.is("content-length")).toList();
                close = true; // HAProxy: drop the length, forward chunked, close after the response
            }
            length = -1;
        } else if (length >= 0) {
            framing = length > 0 ? BodyFraming.LENGTH : BodyFraming.NONE;
            if (lengthHeaders > 1 || forward.stream().anyMatch(f -> f.is("content-length") && f.value().contains(","))) {
                forward = mergeLength(headers, length);
            }
        }
        return new RequestHead(method, uri, minor, forward, framing, framing == BodyFraming.LENGTH ? length : -1, close, headLength);
    }

    private static List<HeaderField> mergeLength(List<HeaderField> headers, long length) {
        List<HeaderField> out = new ArrayList<>(headers.size());
        boolean written = false;
        for (HeaderField f : headers) {
            if (!f.is("content-length")) {
                out.add(f);
            } else if (!written) {
                out.add(new HeaderField(f.name(), Long.toString(length)));
                written = true;
            }
        }
        return out;
    }

    private static long plainNumber(String v) throws HttpParseException {
        if (v.isEmpty() || v.length() > 18) {
            throw new HttpParseException(400, "invalid Content-Length '" + v + "'");
        }
        long n = 0;
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') {
                throw new HttpParseException(400, "invalid Content-Length '" + v + "'");
            }
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static String ascii(byte[] h, int from, int to) {
        return new String(h, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
