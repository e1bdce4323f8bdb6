package io.haven.it.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The client side of {@link GreetingServer} through a proxy on 127.0.0.1: short connections
 * that learn which server answered, and held connections that stay open until a test checks
 * whether the proxy closed them.
 */
public final class Greeting {
    private Greeting() {
    }

    /** Connects to {@code 127.0.0.1:port}, reads the greeting line (5 s at most) and hangs up. */
    public static String ask(int port) throws IOException {
        try (Held h = Held.open(port)) {
            return h.greeting();
        }
    }

    /** As {@link #ask(int)}, but null when the connection closes without a greeting (a refused server hop). */
    public static String askOrNull(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(10_000);
            return new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    /** {@code n} short connections one after the other; the greetings in order. */
    public static List<String> ask(int port, int n) throws IOException {
        List<String> names = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            names.add(ask(port));
        }
        return names;
    }

    /**
     * Opens connections until one is greeted by {@code name} and keeps that one, closing the
     * others; fails after 20 tries. Round robin gets there within a turn.
     */
    public static Held holdTo(int port, String name) throws IOException {
        for (int i = 0; i < 20; i++) {
            Held h = Held.open(port);
            if (h.greeting().equals(name)) {
                return h;
            }
            h.close();
        }
        throw new AssertionError("20 connections to " + port + " and none reached " + name);
    }

    /** A connection kept open after the greeting. */
    public static final class Held implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final String greeting;

        private Held(Socket socket, BufferedReader in, String greeting) {
            this.socket = socket;
            this.in = in;
            this.greeting = greeting;
        }

        /** Connects and reads the greeting; fails when none arrives within 5 s. */
        public static Held open(int port) throws IOException {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                s.setSoTimeout(5000);
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                String line = in.readLine();
                if (line == null) {
                    throw new IOException("connection closed before a greeting");
                }
                return new Held(s, in, line);
            } catch (IOException | RuntimeException e) {
                s.close();
                throw e;
            }
        }

        /** The name of the server that answered. */
        public String greeting() {
            return greeting;
        }

        /** Whether a line sent now comes back: the connection still reaches its server. */
        public boolean echoes(String line) {
            try {
                socket.getOutputStream().write((line + "\n").getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                return line.equals(in.readLine());
            } catch (IOException e) {
                return false;
            }
        }

        /**
         * Waits up to {@code timeoutMillis} for the other side to close: true on end of stream or
         * reset, false when the connection is still open after the wait.
         */
        public boolean closedByPeer(int timeoutMillis) throws IOException {
            socket.setSoTimeout(timeoutMillis);
            try {
                return in.read() < 0;
            } catch (SocketTimeoutException stillOpen) {
                return false;
            } catch (IOException reset) {
                return true;
            } finally {
                socket.setSoTimeout(5000);
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
