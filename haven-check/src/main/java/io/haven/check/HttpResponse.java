package io.haven.check;

import java.util.Locale;

/**
 * An HTTP/1.x response as far as a health check reads it: status, reason and body, decoded
 * from what the check received. Interim 1xx responses are skipped; the body is delimited by
 * Content-Length, chunked encoding, or the end of the connection.
 *
 * @param body the body as ISO-8859-1 text, possibly cut at the check buffer's limit
 */
record HttpResponse(int status, String reason, String body) {

    /** The response is not HTTP; the message is the check's info. */
    static final class MalformedException extends Exception {
        MalformedException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Parses what arrived so far. Returns null while more is needed; once {@code last} (the peer
     * closed or the buffer is full) a response whose head arrived is returned with the body
     * received so far.
     *
     * @param bodyless the request was HEAD, so no body follows whatever the headers say
     */
    static HttpResponse parse(String text, boolean last, boolean bodyless) throws MalformedException {
        int pos = 0;
        while (true) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) {
                if (!last) {
                    return null;
                }
                throw new MalformedException(text.isEmpty() ? "Empty response" : "Truncated HTTP response");
            }
            String statusLine = strip(text.substring(pos, eol));
            int status = statusCode(statusLine);
            String reason = statusLine.length() > 13 ? statusLine.substring(13) : "";
            long contentLength = -1;
            boolean chunked = false;
            pos = eol + 1;
            while (true) {
                eol = text.indexOf('\n', pos);
                if (eol < 0) {
                    if (!last) {
                        return null;
                    }
                    throw new MalformedException("Truncated HTTP response");
                }
                String line = strip(text.substring(pos, eol));
                pos = eol + 1;
                if (line.isEmpty()) {
                    break;
                }
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new MalformedException("Malformed HTTP header");
                }
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                if (name.equals("content-length")) {
                    try {
                        contentLength = Long.parseLong(value);
                    } catch (NumberFormatException e) {
                        throw new MalformedException("Invalid Content-Length");
                    }
                } else if (name.equals("transfer-encoding") && value.toLowerCase(Locale.ROOT).contains("chunked")) {
                    chunked = true;
                }
            }
            if (status >= 100 && status < 200 && status != 101) {
                continue; // interim response: the real one follows
            }
            if (bodyless || status < 200 || status == 204 || status == 304) {
                return new HttpResponse(status, reason, "");
            }
            String body;
            if (chunked) {
                body = dechunk(text, pos, last);
            } else if (contentLength >= 0) {
                long end = pos + contentLength;
                body = end <= text.length() ? text.substring(pos, (int) end) : last ? text.substring(pos) : null;
            } else {
                body = last ? text.substring(pos) : null;
            }
            return body == null ? null : new HttpResponse(status, reason, body);
        }
    }

    private static int statusCode(String line) throws MalformedException {
        // "HTTP/1.1 200" with an optional " reason"
        boolean ok = line.length() >= 12 && line.startsWith("HTTP/") && line.charAt(8) == ' '
                && (line.length() == 12 || line.charAt(12) == ' ');
        if (ok) {
            int code = 0;
            for (int i = 9; i < 12; i++) {
                char c = line.charAt(i);
                if (c < '0' || c > '9') {
                    ok = false;
                    break;
                }
                code = code * 10 + (c - '0');
            }
            if (ok) {
                return code;
            }
        }
        throw new MalformedException("Malformed HTTP status line");
    }

    /** Decodes a chunked body; null while incomplete, what arrived when {@code last}. */
    private static String dechunk(String text, int pos, boolean last) throws MalformedException {
        StringBuilder body = new StringBuilder();
        while (true) {
            int eol = text.indexOf('\n', pos);
            if (eol < 0) {
                return last ? body.toString() : null;
            }
            String size = strip(text.substring(pos, eol));
            int semi = size.indexOf(';');
            if (semi >= 0) {
                size = size.substring(0, semi).trim();
            }
            int n;
            try {
                n = Integer.parseInt(size, 16);
            } catch (NumberFormatException e) {
                throw new MalformedException("Malformed chunk size");
            }
            if (n == 0) {
                return body.toString();
            }
            int from = eol + 1;
            if (from + n > text.length()) {
                return last ? body.append(text, from, text.length()).toString() : null;
            }
            body.append(text, from, from + n);
            pos = from + n;
            int crlf = text.indexOf('\n', pos);
            if (crlf < 0) {
                return last ? body.toString() : null;
            }
            pos = crlf + 1;
        }
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
