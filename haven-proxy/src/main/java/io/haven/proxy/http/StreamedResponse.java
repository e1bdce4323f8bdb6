package io.haven.proxy.http;

import io.haven.core.http.HttpHeaders;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Frames a response a service streams ({@link io.haven.core.http.HttpExchange}) as HAProxy's
 * HTTP/1 mux does for an applet: with the service's {@code content-length} if it set one, else
 * chunked to an HTTP/1.1 client and until the close to an HTTP/1.0 one; no body after a HEAD
 * request or for 1xx, 204 and 304.
 */
public final class StreamedResponse {
    private static final byte[] LAST_CHUNK = "0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

    /** How the body is delimited. */
    public enum Framing { LENGTH, CHUNKED, UNTIL_CLOSE, NONE }

    private StreamedResponse() {
    }

    /**
     * Writes the head to {@code out} and returns the body's framing (NONE after a HEAD request);
     * {@code close} is whether the connection closes after this response anyway (then
     * {@code connection: close} is sent). Without a length, an HTTP/1.0 client gets
     * {@code connection: close}: the caller closes after the response when the head says so.
     */
    public static Framing head(int status, String reason, HttpHeaders headers, int requestMinor, boolean headRequest,
                               boolean close, ByteBuf out) {
        HttpHeaders h = headers.copy();
        h.remove("transfer-encoding");
        h.remove("connection");
        // a HEAD response announces the framing a GET would get (as HAProxy does), without the body
        boolean bodyless = status < 200 || status == 204 || status == 304;
        Framing framing;
        if (h.contains("content-length")) {
            framing = bodyless || headRequest ? Framing.NONE : Framing.LENGTH;
        } else if (bodyless) {
            framing = Framing.NONE;
        } else if (requestMinor >= 1) {
            h.add("transfer-encoding", "chunked");
            framing = headRequest ? Framing.NONE : Framing.CHUNKED;
        } else {
            framing = headRequest ? Framing.NONE : Framing.UNTIL_CLOSE;
            close = true;
        }
        if (close && requestMinor >= 1) {
            h.add("connection", "close"); // HTTP/1.0 closes by default: HAProxy says nothing then
        }
        // an applet's status line carries the request's version, as HAProxy's does
        out.writeCharSequence(requestMinor >= 1 ? "HTTP/1.1 " : "HTTP/1.0 ", StandardCharsets.ISO_8859_1);
        out.writeCharSequence(Integer.toString(status), StandardCharsets.ISO_8859_1);
        out.writeByte(' ');
        MessageWriter.latin1(out, reason);
        MessageWriter.crlf(out);
        for (int i = 0; i < h.size(); i++) {
            MessageWriter.header(out, h.name(i), h.value(i));
        }
        MessageWriter.crlf(out);
        return framing;
    }

    /** Writes one piece of the body in {@code framing}. */
    public static void piece(Framing framing, byte[] data, ByteBuf out) {
        if (framing == Framing.NONE || data.length == 0) {
            return;
        }
        if (framing == Framing.CHUNKED) {
            out.writeCharSequence(Integer.toHexString(data.length), StandardCharsets.ISO_8859_1);
            MessageWriter.crlf(out);
            out.writeBytes(data);
            MessageWriter.crlf(out);
        } else {
            out.writeBytes(data);
        }
    }

    /** The end of the body: the last chunk for chunked framing, nothing otherwise. */
    public static void end(Framing framing, ByteBuf out) {
        if (framing == Framing.CHUNKED) {
            out.writeBytes(LAST_CHUNK);
        }
    }
}
