package io.haven.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A small keep-alive HTTP/1.1 origin on 127.0.0.1 that records what reaches it: connections
 * accepted, bytes received, request heads. It answers each request with {@code 200} and a body
 * naming the request ({@code METHOD URI conn=N xff=X body=BYTES}); a request body (Content-Length
 * or chunked) is read and counted, not kept. {@code GET /bytes/N} answers N bytes; a request with
 * {@code Expect: 100-continue} gets {@code 100 Continue} first; {@code Upgrade: echo} switches
 * to a byte echo after {@code 101}.
 */
public final class OriginServer implements AutoCloseable {
    private final ServerSocket socket;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final List<String> heads = new CopyOnWriteArrayList<>();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    public OriginServer() throws IOException {
        socket = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        threads.execute(this::acceptLoop);
    }

    public int port() {
        return socket.getLocalPort();
    }

    public int connections() {
        return connections.get();
    }

    public long bytesReceived() {
        return bytesReceived.get();
    }

    public List<String> heads() {
        return heads;
    }

    private void acceptLoop() {
        while (!socket.isClosed()) {
            try {
                Socket s = socket.accept();
                int id = connections.incrementAndGet();
                open.add(s);
                threads.execute(() -> serve(s, id));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket s, int id) {
        try (s) {
            InputStream in = new java.io.BufferedInputStream(new CountingInput(s.getInputStream(), bytesReceived), 65536);
            OutputStream out = s.getOutputStream();
            while (true) {
                String head = readHead(in);
                if (head == null) {
                    return;
                }
                heads.add(head);
                String[] lines = head.split("\r\n");
                String[] start = lines[0].split(" ");
                String lower = head.toLowerCase(Locale.ROOT);
                if (lower.contains("\r\nexpect: 100-continue")) {
                    out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                }
                long body = readBody(in, lower);
                if (lower.contains("\r\nupgrade: echo")) {
                    out.write("HTTP/1.1 101 Switching Protocols\r\nUpgrade: echo\r\nConnection: Upgrade\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    in.transferTo(out);
                    return;
                }
                String xff = header(lines, "x-forwarded-for");
                if (start[1].startsWith("/bytes/")) {
                    long n = Long.parseLong(start[1].substring(7));
                    out.write(("HTTP/1.1 200 OK\r\nContent-Length: " + n + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    byte[] chunk = new byte[65536];
                    for (long left = n; left > 0; left -= chunk.length) {
                        out.write(chunk, 0, (int) Math.min(left, chunk.length));
                    }
                } else {
                    byte[] reply = (start[0] + " " + start[1] + " conn=" + id + " xff=" + xff + " body=" + body)
                            .getBytes(StandardCharsets.ISO_8859_1);
                    String resHead = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + reply.length + "\r\n\r\n";
                    out.write(resHead.getBytes(StandardCharsets.ISO_8859_1));
                    if (!start[0].equals("HEAD")) {
                        out.write(reply);
                    }
                }
                out.flush();
                if (lower.contains("\r\nconnection: close")) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the client went away
        } finally {
            open.remove(s);
        }
    }

    private static String header(String[] lines, String name) {
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0 && lines[i].substring(0, colon).equalsIgnoreCase(name)) {
                return lines[i].substring(colon + 1).strip();
            }
        }
        return "-";
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int state = 0;
        int c;
        while ((c = in.read()) >= 0) {
            b.write(c);
            state = (c == '\r' && (state == 0 || state == 2)) ? state + 1 : (c == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
                String s = b.toString(StandardCharsets.ISO_8859_1);
                return s.substring(0, s.length() - 4);
            }
        }
        return null;
    }

    private static long readBody(InputStream in, String lowerHead) throws IOException {
        if (lowerHead.contains("\r\ntransfer-encoding: chunked")) {
            long total = 0;
            while (true) {
                String size = readLine(in);
                long n = Long.parseLong(size.split(";")[0].strip(), 16);
                if (n == 0) {
                    while (!readLine(in).isEmpty()) {
                        // trailers
                    }
                    return total;
                }
                total += skip(in, n);
                readLine(in);
            }
        }
        int at = lowerHead.indexOf("\r\ncontent-length:");
        if (at < 0) {
            return 0;
        }
        int end = lowerHead.indexOf("\r\n", at + 2);
        long n = Long.parseLong(lowerHead.substring(at + 17, end < 0 ? lowerHead.length() : end).strip());
        return skip(in, n);
    }

    private static long skip(InputStream in, long n) throws IOException {
        byte[] buf = new byte[65536];
        long left = n;
        while (left > 0) {
            int r = in.read(buf, 0, (int) Math.min(buf.length, left));
            if (r < 0) {
                throw new IOException("body cut short");
            }
            left -= r;
        }
        return n;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && c != '\n') {
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) {
            s.close();
        }
        threads.shutdownNow();
    }

    /** Counts every byte read from the connection. */
    private static final class CountingInput extends InputStream {
        private final InputStream in;
        private final AtomicLong count;

        CountingInput(InputStream in, AtomicLong count) {
            this.in = in;
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int c = in.read();
            if (c >= 0) {
                count.incrementAndGet();
            }
            return c;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                count.addAndGet(n);
            }
            return n;
        }
    }
}
