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
 * server whose keep-alive timeout fires just as a proxy reuses the connection).
 */
public final class ScriptedServer implements AutoCloseable {
    public static final String HANG = "<hang>";
    public static final String CLOSE = "<close>";
    public static final String KEEP_ONCE = "<keep-once>";

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
            for (int n = 0; ; n++) {
                String head = readHead(in);
                if (head != null) {
                    requests.incrementAndGet();
                }
                if (head == null || n > 0) {
                    return; // the second request on a kept connection: closed unanswered
                }
                String raw = script.getOrDefault(head.split(" ", 3)[1], CLOSE);
                if (raw.equals(HANG)) {
                    in.read(); // until the proxy gives up
                    return;
                }
                boolean keep = raw.startsWith(KEEP_ONCE);
                if (!raw.equals(CLOSE)) {
                    s.getOutputStream().write(raw.substring(keep ? KEEP_ONCE.length() : 0).getBytes(StandardCharsets.ISO_8859_1));
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
