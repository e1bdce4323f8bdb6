package io.haven.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** A bare HTTP/1.1 client over one socket, for tests that must see the connection itself (reuse, closes). */
public final class RawHttp implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;

    public RawHttp(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout(10_000);
        in = socket.getInputStream();
    }

    /** One response: its head (status line and headers) and its body, read by Content-Length. */
    public record Response(String head, String body) {
        public boolean header(String name, String value) {
            return head.toLowerCase(Locale.ROOT).contains("\r\n" + name.toLowerCase(Locale.ROOT) + ": " + value.toLowerCase(Locale.ROOT));
        }
    }

    public Response get(String path, String... extraHeaders) throws IOException {
        return send("GET", path, null, extraHeaders);
    }

    /** A POST whose body (sent with its Content-Length) is {@code body}. */
    public Response post(String path, String body, String... extraHeaders) throws IOException {
        return send("POST", path, body, extraHeaders);
    }

    private Response send(String method, String path, String body, String... extraHeaders) throws IOException {
        StringBuilder r = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: test\r\n");
        for (String h : extraHeaders) {
            r.append(h).append("\r\n");
        }
        if (body != null) {
            r.append("Content-Length: ").append(body.getBytes(StandardCharsets.ISO_8859_1).length).append("\r\n");
        }
        r.append("\r\n");
        if (body != null) {
            r.append(body);
        }
        socket.getOutputStream().write(r.toString().getBytes(StandardCharsets.ISO_8859_1));
        return read();
    }

    public Response read() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            if (b.size() >= 4 && b.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        String head = b.toString(StandardCharsets.ISO_8859_1);
        String lower = head.toLowerCase(Locale.ROOT);
        int at = lower.indexOf("\r\ncontent-length:");
        if (at < 0) {
            throw new IOException("no Content-Length in: " + head);
        }
        int end = lower.indexOf("\r\n", at + 2);
        int n = Integer.parseInt(lower.substring(at + 17, end).strip());
        return new Response(head, new String(in.readNBytes(n), StandardCharsets.ISO_8859_1));
    }

    /** True once the server closed the connection (read returns end of stream). */
    public boolean closedByPeer() throws IOException {
        return in.read() < 0;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
