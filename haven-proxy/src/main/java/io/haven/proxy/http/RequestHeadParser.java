package io.haven.proxy.http;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

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

    private final HeadEnd headEnd;

    public RequestHeadParser(int maxHead) {
        this.headEnd = new HeadEnd(maxHead);
    }

    public void reset() {
        headEnd.reset();
    }

    /** The head at the start of {@code buf}'s readable bytes, or null while incomplete. */
    public RequestHead parse(ByteBuf buf) throws HttpParseException {
        byte[] head = headEnd.bytes(buf, 400, "request");
        if (head == null) {
            return null;
        }
        return parseHead(head);
    }

    static RequestHead parseHead(byte[] h) throws HttpParseException {
        int pos = 0;
        while (pos < h.length && (h[pos] == '\r' || h[pos] == '\n')) {
            if (h[pos] == '\r' && (pos + 1 >= h.length || h[pos + 1] != '\n')) {
                throw new HttpParseException(400, "bare CR before the request line");
            }
            pos++;
        }
        int lineEnd = HeadLines.lineEnd(h, pos);
        int contentEnd = HeadLines.contentEnd(h, pos, lineEnd);
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
        String method = HeadLines.ascii(h, pos, sp1);
        String uri = HeadLines.ascii(h, sp1 + 1, sp2);
        List<HeaderField> headers = new ArrayList<>();
        pos = HeadLines.fields(h, lineEnd + 1, headers);
        return frame(method, uri, minor, headers, pos);
    }

    private static int version(byte[] h, int from, int end) throws HttpParseException {
        if (end - from != 8 || h[from] != 'H' || h[from + 1] != 'T' || h[from + 2] != 'T' || h[from + 3] != 'P'
                || h[from + 4] != '/' || !digit(h[from + 5]) || h[from + 6] != '.' || !digit(h[from + 7])) {
            throw new HttpParseException(400, "invalid HTTP version in the request line");
        }
        if (h[from + 5] != '1' || (h[from + 7] != '0' && h[from + 7] != '1')) {
            throw new HttpParseException(505, "HTTP version " + HeadLines.ascii(h, from + 5, end) + " not supported");
        }
        return h[from + 7] - '0';
    }

    /** Decides the body framing and whether the connection closes after the response. */
    private static RequestHead frame(String method, String uri, int minor, List<HeaderField> headers, int headLength)
            throws HttpParseException {
        FramingHeaders fh = FramingHeaders.of(headers, minor);
        long length = fh.length;
        int lengthHeaders = fh.lengthHeaders;
        boolean chunked = fh.chunked;
        int codings = fh.codings;
        int hosts = fh.hosts;
        boolean close = fh.close;
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
                forward = FramingHeaders.withoutLength(headers);
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

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }
}
