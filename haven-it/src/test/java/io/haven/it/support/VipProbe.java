package io.haven.it.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/**
 * A client that polls an address every {@code interval} ms from inside a host of a {@link Lan}
 * (run with {@link LanHost#start}): each poll opens a TCP connection, reads what the server says
 * (a line naming who answered; with {@code http}, after sending a GET, the last line of the
 * response) and prints {@code epochMillis ok ANSWER} or {@code epochMillis fail REASON}. It stops
 * after {@code maxSeconds} or when its stdin closes.
 */
public final class VipProbe {
    private VipProbe() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4 && args.length != 5) {
            System.err.println("usage: VipProbe HOST PORT INTERVAL_MS MAX_SECONDS [http]");
            System.exit(2);
        }
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        long intervalNanos = Long.parseLong(args[2]) * 1_000_000L;
        long end = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000_000L;
        boolean http = args.length == 5 && args[4].equals("http");
        Thread stdinWatch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // wait for EOF
                }
            } catch (IOException ignored) {
                // parent gone
            }
            System.exit(0);
        }, "stdin-watch");
        stdinWatch.setDaemon(true);
        stdinWatch.start();
        long next = System.nanoTime();
        while (System.nanoTime() < end) {
            System.out.println(System.currentTimeMillis() + " " + poll(host, port, (int) (intervalNanos / 1_000_000L), http));
            System.out.flush();
            next += intervalNanos;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                next = System.nanoTime();
            }
        }
    }

    private static String poll(String host, int port, int timeoutMs, boolean http) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(host, port), Math.max(timeoutMs, 50));
            s.setSoTimeout(Math.max(timeoutMs, 50) * 4);
            if (http) {
                s.getOutputStream().write(("GET / HTTP/1.0\r\nHost: " + host + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            InputStream in = s.getInputStream();
            String answer = new String(in.readNBytes(4096), StandardCharsets.UTF_8).strip();
            if (answer.isEmpty()) {
                return "fail empty";
            }
            List<String> lines = answer.lines().toList();
            return "ok " + (http ? lines.get(lines.size() - 1) : lines.get(0));
        } catch (IOException e) {
            return "fail " + e.getClass().getSimpleName();
        }
    }
}
