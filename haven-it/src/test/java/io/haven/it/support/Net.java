package io.haven.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** Small socket helpers for tests; everything on 127.0.0.1. */
public final class Net {
    private static final java.util.Set<Integer> GIVEN = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private Net() {
    }

    public static int freePort() throws IOException {
        // the kernel may hand the same ephemeral port out twice in a row: a test asking for
        // several ports would then bind two listeners to one; never give a port out twice
        for (int attempt = 0; attempt < 100; attempt++) {
            try (ServerSocket s = new ServerSocket(0)) {
                s.setReuseAddress(true);
                if (GIVEN.add(s.getLocalPort())) {
                    return s.getLocalPort();
                }
            }
        }
        throw new IOException("no port this JVM has not handed out already in 100 attempts");
    }

    /**
     * Whether some socket is in LISTEN state on {@code port}, read from /proc/net/tcp without
     * connecting (a probe connection would reach a backend and skew the tests' counts).
     */
    public static boolean listening(int port) {
        String hex = String.format("%04X", port);
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            try {
                for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of(table))) {
                    String[] f = line.trim().split("\\s+");
                    if (f.length > 3 && f[1].endsWith(":" + hex) && f[3].equals("0A")) {
                        return true;
                    }
                }
            } catch (IOException e) {
                // no such table (no IPv6): try the next one
            }
        }
        return false;
    }

    public static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Connects, optionally sends {@code send}, half-closes, and reads everything until EOF (5 s read timeout). */
    public static String exchange(int port, String send) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(5000);
            if (send != null) {
                s.getOutputStream().write(send.getBytes(StandardCharsets.UTF_8));
                s.getOutputStream().flush();
            }
            return readAll(s.getInputStream());
        }
    }

    public static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        in.transferTo(b);
        return b.toString(StandardCharsets.UTF_8);
    }
}
