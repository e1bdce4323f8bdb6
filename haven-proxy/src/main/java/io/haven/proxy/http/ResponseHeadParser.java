package io.haven.proxy.http;

import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses an HTTP/1.x response head as strictly as {@link RequestHeadParser} parses requests, so
 * that Haven never forwards a response whose end the client would see elsewhere; anything it
 * rejects is a 502 for the client. The body framing follows RFC 9112 section 6.3: none for
 * HEAD requests, 1xx, 204 and 304; chunked when the last coding is chunked (a Content-Length
 * beside it is dropped and the connection closes after); a Content-Length otherwise; else the
 * body lasts until the server closes.
 */
public final class ResponseHeadParser {
    private final HeadEnd headEnd;

    public ResponseHeadParser(int maxHead) {
        this.headEnd = new HeadEnd(maxHead);
    }

    public void reset() {
        headEnd.reset();
    }

    /** The head at the start of {@code buf}'s readable bytes, or null while incomplete; does not consume. */
    public ResponseHead parse(ByteBuf buf, boolean headRequest) throws HttpParseException {
        byte[] head = headEnd.bytes(buf, 502, "response");
        if (head == null) {
            return null;
        }
        try {
            return parseHead(head, headRequest);
        } catch (HttpParseException e) {
            throw new HttpParseException(502, e.getMessage());
        }
    }

    static ResponseHead parseHead(byte[] h, boolean headRequest) throws HttpParseException {
        int pos = 0;
        while (pos < h.length && (h[pos] == '\r' || h[pos] == '\n')) {
            pos++; // HAProxy tolerates empty lines before the status line too
        }
        int lineEnd = HeadLines.lineEnd(h, pos);
        int contentEnd = HeadLines.contentEnd(h, pos, lineEnd);
        // status-line = HTTP-version SP status-code SP [ reason-phrase ]
        if (contentEnd - pos < 12 || h[pos] != 'H' || h[pos + 1] != 'T' || h[pos + 2] != 'T' || h[pos + 3] != 'P'
                || h[pos + 4] != '/' || h[pos + 5] != '1' || h[pos + 6] != '.' || (h[pos + 7] != '0' && h[pos + 7] != '1')
                || h[pos + 8] != ' ' || !digit(h[pos + 9]) || !digit(h[pos + 10]) || !digit(h[pos + 11])
                || (contentEnd > pos + 12 && h[pos + 12] != ' ')) {
            throw new HttpParseException(502, "invalid status line");
        }
        int minor = h[pos + 7] - '0';
        int status = (h[pos + 9] - '0') * 100 + (h[pos + 10] - '0') * 10 + (h[pos + 11] - '0');
        if (status < 100) {
            throw new HttpParseException(502, "invalid status code " + status);
        }
        for (int i = pos + 13; i < contentEnd; i++) {
            if (!HttpSyntax.fieldValue(h[i])) {
                throw new HttpParseException(502, "control character in the reason phrase");
            }
        }
        String reason = contentEnd > pos + 13 ? HeadLines.ascii(h, pos + 13, contentEnd) : "";
        List<HeaderField> headers = new ArrayList<>();
        pos = HeadLines.fields(h, lineEnd + 1, headers);
        return frame(status, reason, minor, headers, headRequest, pos);
    }

    private static ResponseHead frame(int status, String reason, int minor, List<HeaderField> headers, boolean headRequest,
                                      int headLength) throws HttpParseException {
        FramingHeaders fh = FramingHeaders.of(headers, minor);
        long length = fh.length;
        boolean lengthSeen = fh.lengthHeaders > 0;
        boolean chunked = fh.chunked;
        boolean codings = fh.codings > 0;
        boolean close = fh.close;
        boolean bodiless = headRequest || (status >= 100 && status < 200) || status == 204 || status == 304;
        List<HeaderField> forward = headers;
        BodyFraming framing;
        if (bodiless) {
            framing = BodyFraming.NONE;
            length = -1;
        } else if (codings) {
            framing = chunked ? BodyFraming.CHUNKED : BodyFraming.UNTIL_CLOSE;
            if (lengthSeen) {
                forward = FramingHeaders.withoutLength(headers);
                close = true;
            }
            close |= !chunked;
            length = -1;
        } else if (lengthSeen) {
            framing = length > 0 ? BodyFraming.LENGTH : BodyFraming.NONE;
        } else {
            framing = BodyFraming.UNTIL_CLOSE;
            close = true;
        }
        return new ResponseHead(status, reason, minor, forward, framing, framing == BodyFraming.LENGTH ? length : -1,
                close, headLength);
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }
}
