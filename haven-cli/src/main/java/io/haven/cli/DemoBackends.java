package io.haven.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's servers: each listens on 127.0.0.1 and answers every connection with its own
 * name, as the tutorial's web servers answer with their hostname. One thread each; enough for a demo.
 */
final class DemoBackends implements AutoCloseable {
    private final List<ServerSocket> sockets = new ArrayList<>();
    private final List<String> names;

    DemoBackends(List<String> names) throws IOException {
        this.names = List.copyOf(names);
        for (String name : names) {
            ServerSocket ss = new ServerSocket();
            ss.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
            sockets.add(ss);
            Thread t = new Thread(() -> serve(ss, name), "demo-" + name);
            t.setDaemon(true);
            t.start();
        }
    }

    List<String> names() {
        return names;
    }

    int port(int i) {
        return sockets.get(i).getLocalPort();
    }

    private static void serve(ServerSocket ss, String name) {
        byte[] reply = ("Hello from " + name + "\n").getBytes(StandardCharsets.US_ASCII);
        while (!ss.isClosed()) {
            try (Socket s = ss.accept(); OutputStream out = s.getOutputStream()) {
                out.write(reply);
            } catch (IOException e) {
                // the client went away or the demo is stopping; keep serving while open
            }
        }
    }

    @Override
    public void close() {
        for (ServerSocket ss : sockets) {
            try {
                ss.close();
            } catch (IOException ignored) {
                // closing
            }
        }
    }
}
