package io.haven.proxy.http;

import io.haven.core.http.HttpHeaders;
import io.haven.core.http.HttpReply;
import io.haven.core.http.HttpRequest;
import io.haven.core.http.HttpResponse;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Writes request and response heads, and Haven's own replies, in canonical HTTP/1.1 form. */
public final class MessageWriter {
    private static final byte[] HTTP_1_1 = "HTTP/1.1 ".getBytes(StandardCharsets.ISO_8859_1);

    private MessageWriter() {
    }

    public static void request(HttpRequest r, ByteBuf out) {
        latin1(out, r.method());
        out.writeByte(' ');
        latin1(out, r.uri());
        out.writeByte(' ');
        latin1(out, r.version());
        crlf(out);
        headers(r.headers(), out);
    }

    /** A response head as the client gets it: always HTTP/1.1, as HAProxy answers. */
    public static void response(HttpResponse r, ByteBuf out) {
        statusLine(r.status(), r.reason(), out);
        headers(r.headers(), out);
    }

    /** A reply Haven makes; {@code body} replaces the reply's own (e.g. the error page). */
    public static void reply(HttpReply reply, byte[] body, boolean close, boolean headRequest, ByteBuf out) {
        statusLine(reply.status(), reply.reason(), out);
        HttpHeaders h = reply.headers();
        boolean length = false;
        for (int i = 0; i < h.size(); i++) {
            length |= h.name(i).equalsIgnoreCase("content-length");
            if (!h.name(i).equalsIgnoreCase("connection")) {
                header(out, h.name(i), h.value(i));
            }
        }
        if (!length) {
            header(out, "content-length", Integer.toString(body == null ? 0 : body.length));
        }
        if (close) {
            header(out, "connection", "close");
        }
        crlf(out);
        if (body != null && !headRequest) {
            out.writeBytes(body);
        }
    }

    private static void statusLine(int status, String reason, ByteBuf out) {
        out.writeBytes(HTTP_1_1);
        out.writeByte('0' + status / 100);
        out.writeByte('0' + status / 10 % 10);
        out.writeByte('0' + status % 10);
        out.writeByte(' ');
        latin1(out, reason);
        crlf(out);
    }

    private static void headers(HttpHeaders h, ByteBuf out) {
        for (int i = 0, n = h.size(); i < n; i++) {
            header(out, h.name(i), h.value(i));
        }
        crlf(out);
    }

    static void header(ByteBuf out, String name, String value) {
        latin1(out, name);
        out.writeByte(':');
        out.writeByte(' ');
        latin1(out, value);
        crlf(out);
    }

    static void latin1(ByteBuf out, String s) {
        out.writeCharSequence(s, StandardCharsets.ISO_8859_1);
    }

    static void crlf(ByteBuf out) {
        out.writeByte('\r');
        out.writeByte('\n');
    }
}
