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
 */
public final class ScriptedServer implements AutoCloseable {
    public static final String HANG = "<hang>";
    public static final String CLOSE = "<close>";

    private final ServerSocket socket;
    private final Map<String, String> script;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Socket> open = new CopyOnWriteArrayList<>();

    public ScriptedServer(Map<String, String> script) throws IOException {
        this.script = Map.copyOf(script);
        socket = new ServerSocket(0, 64, InetAddress.getLoopbackAddress());
        threads.execute(() -> {
            while (!socket.isClosed()) {
                try {
                    Socket s = socket.accept();
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

    private void answer(Socket s) {
        try (s) {
            InputStream in = s.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            int c;
            while ((c = in.read()) >= 0) {
                head.write(c);
                if (head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                    break;
                }
            }
            String path = head.toString(StandardCharsets.ISO_8859_1).split(" ", 3)[1];
            String raw = script.getOrDefault(path, CLOSE);
            if (raw.equals(HANG)) {
                in.read(); // until the proxy gives up
                return;
            }
            if (!raw.equals(CLOSE)) {
                s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
            }
        } catch (IOException | RuntimeException e) {
            // the proxy went away
        } finally {
            open.remove(s);
        }
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
