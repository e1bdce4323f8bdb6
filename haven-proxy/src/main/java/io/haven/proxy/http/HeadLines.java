package io.haven.proxy.http;

import java.nio.charset.StandardCharsets;

/** Line and field syntax shared by the request and response head parsers. */
final class HeadLines {
    private HeadLines() {
    }

    /** Parses header lines from {@code pos} up to the empty line into {@code out}; returns the position after it. */
    static int fields(byte[] h, int pos, java.util.List<HeaderField> out) throws HttpParseException {
        while (true) {
            int le = lineEnd(h, pos);
            int ce = contentEnd(h, pos, le);
            if (ce == pos) {
                return le + 1;
            }
            out.add(field(h, pos, ce));
            pos = le + 1;
        }
    }

    static int lineEnd(byte[] h, int from) throws HttpParseException {
        for (int i = from; i < h.length; i++) {
            if (h[i] == '\n') {
                return i;
            }
        }
        throw new HttpParseException(400, "unterminated line");
    }

    /** Where the line's content ends: before a CR that precedes the LF; any other CR is bare. */
    static int contentEnd(byte[] h, int from, int lf) throws HttpParseException {
        int end = lf > from && h[lf - 1] == '\r' ? lf - 1 : lf;
        for (int i = from; i < end; i++) {
            if (h[i] == '\r') {
                throw new HttpParseException(400, "bare CR in the request head");
            }
        }
        return end;
    }

    static HeaderField field(byte[] h, int from, int end) throws HttpParseException {
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

    static long plainNumber(String v) throws HttpParseException {
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

    static String ascii(byte[] h, int from, int to) {
        return new String(h, from, to - from, StandardCharsets.ISO_8859_1);
    }
}
