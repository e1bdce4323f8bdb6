package io.haven.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A misbehaving HTTP server: for each request it writes the raw bytes scripted for the request's
 * path, then closes the connection; {@link #HANG} never answers, {@link #CLOSE} closes at once.
 * A script starting with {@link #KEEP_ONCE} answers the first request of a connection and keeps
 * it open, then closes it without a word when a second request arrives on it (the race of a
 * server whose keep-alive timeout fires just as a proxy reuses the connection); with
 * {@link #KEEP_ONCE_408} it answers that second request with a 408 before closing, as servers
 * that announce their keep-alive timeout do.
 */
public final class ScriptedServer implements AutoCloseable {
    public static final String HANG = "<hang>";
    public static final String CLOSE = "<close>";
    public static final String KEEP_ONCE = "<keep-once>";
    public static final String KEEP_ONCE_408 = "<keep-once-408>";
    private static final String TIMEOUT_408 = "HTTP/1.1 408 Request Time-out\r\nConnection: close\r\nContent-Length: 0\r\n\r\n";

    private final ServerSocket socket;
    private final Map<String, String> script;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private final java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicInteger requests = new java.util.concurrent.atomic.AtomicInteger();

    public ScriptedServer(Map<String, String> script) throws IOException {
        this.script = Map.copyOf(script);
        socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        threads.execute(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
                    accepted.incrementAndGet();
                    open.add(s);
                    threads.execute(() -> answer(s));
                } catch (IOException e) {
                    return;
                }
            }
        });
    }

    public int port() {
        return socket.getLocalPort();
    }

    /** Connections accepted so far. */
    public int accepted() {
        return accepted.get();
    }

    /** Request heads received so far, answered or not. */
    public int requests() {
        return requests.get();
    }

    private void answer(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            boolean says408 = false;
            for (int n = 0; ; n++) {
                String head = readHead(in);
                if (head != null) {
                    requests.incrementAndGet();
                }
                if (head != null && n > 0 && says408) {
                    s.getOutputStream().write(TIMEOUT_408.getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                }
                if (head == null || n > 0) {
                    return; // the second request on a kept connection: closed unanswered (or with a 408)
                }
                String raw = script.getOrDefault(head.split(" ", 3)[1], CLOSE);
                if (raw.equals(HANG)) {
                    in.read(); // until the proxy gives up
                    return;
                }
                says408 = raw.startsWith(KEEP_ONCE_408);
                String prefix = says408 ? KEEP_ONCE_408 : raw.startsWith(KEEP_ONCE) ? KEEP_ONCE : "";
                boolean keep = !prefix.isEmpty();
                if (!raw.equals(CLOSE)) {
                    s.getOutputStream().write(raw.substring(prefix.length()).getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                }
                if (!keep) {
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            // the proxy went away
        } finally {
            open.remove(s);
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            head.write(c);
            if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                return head.toString(StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }

    @Override
    public void close() throws IOException {
        socket.close();
        for (Socket s : open) {
            s.close();
        }
        threads.shutdownNow();
    }
}
