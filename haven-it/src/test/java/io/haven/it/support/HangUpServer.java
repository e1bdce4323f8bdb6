package io.haven.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real TCP server on 127.0.0.1 that hangs up without a word: at once after accepting (like a
 * mysqld killed between accept and greeting), or after the first byte the client sends. It counts
 * the connections it accepted, so a test can tell whether a client's bytes were replayed.
 */
public final class HangUpServer implements AutoCloseable {
    private final ServerSocket socket;
    private final AtomicInteger accepted = new AtomicInteger();
    private final Thread acceptor;

    public HangUpServer(boolean afterFirstByte) throws IOException {
        socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
        acceptor = new Thread(() -> serve(afterFirstByte), "hang-up-server");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void serve(boolean afterFirstByte) {
        while (!socket.isClosed()) {
            try (Socket s = socket.accept()) {
                accepted.incrementAndGet();
                if (afterFirstByte) {
                    s.setSoTimeout(5000);
                    InputStream in = s.getInputStream();
                    in.read();
                }
            } catch (IOException e) {
                if (socket.isClosed()) {
                    return;
                }
            }
        }
    }

    public int port() {
        return socket.getLocalPort();
    }

    public int accepted() {
        return accepted.get();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
