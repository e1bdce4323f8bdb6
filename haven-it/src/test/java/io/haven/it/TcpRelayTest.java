package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.it.support.EchoServer;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bytes cross the proxy intact in both directions, half-close is forwarded, a fast sender is held back. */
class TcpRelayTest {
    @TempDir
    static Path dir;
    static EchoServer echo;
    static HavenProcess haven;
    static int port;

    @BeforeAll
    static void start() throws Exception {
        echo = new EchoServer();
        port = Net.freePort();
        Path cfg = dir.resolve("relay.cfg");
        Files.writeString(cfg, """
                global
                    nbthread 2
                    log stdout format raw local0
                defaults
                    mode tcp
                    log global
                    option tcplog
                    timeout connect 2s
                    timeout client 30s
                    timeout server 30s
                listen relay
                    bind 127.0.0.1:%d
                    server echo 127.0.0.1:%d
                """.formatted(port, echo.port()));
        haven = HavenProcess.start(dir, cfg, port);
    }

    @AfterAll
    static void stop() throws Exception {
        haven.close();
        echo.close();
    }

    @Test
    void halfCloseIsForwardedAndTheReplyStillArrives() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write("hello".getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            String reply = Net.readAll(s.getInputStream());
            assertThat(reply).isEqualTo("hello5 bytes\n");
        }
    }

    @Test
    void largeTransfersArriveIntactBothWays() throws Exception {
        byte[] payload = new byte[16 * 1024 * 1024];
        new Random(42).nextBytes(payload);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(30_000);
            CompletableFuture<byte[]> received = CompletableFuture.supplyAsync(() -> {
                try {
                    InputStream in = s.getInputStream();
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    in.transferTo(out);
                    return out.toByteArray();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            s.getOutputStream().write(payload);
            s.shutdownOutput();
            byte[] got = received.get(60, TimeUnit.SECONDS);
            String trailer = payload.length + " bytes\n";
            assertThat(got.length).as(haven.stdout()).isEqualTo(payload.length + trailer.length());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(got, 0, payload.length);
            assertThat(sha.digest()).isEqualTo(MessageDigest.getInstance("SHA-256").digest(payload));
            assertThat(new String(got, payload.length, trailer.length(), StandardCharsets.US_ASCII)).isEqualTo(trailer);
        }
    }

    @Test
    void aSenderWhoseReceiverDoesNotReadIsHeldBack() throws Exception {
        // The echo server writes back what it reads; this client never reads, so the echo server
        // blocks, stops reading, and Haven must stop reading from the client instead of buffering.
        try (SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
            ch.configureBlocking(false);
            ByteBuffer chunk = ByteBuffer.allocate(64 * 1024);
            long sent = 0;
            long stalledSince = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && sent < 512L * 1024 * 1024) {
                chunk.clear();
                int n = ch.write(chunk);
                sent += n;
                if (n == 0) {
                    if (stalledSince == 0) {
                        stalledSince = System.nanoTime();
                    } else if (System.nanoTime() - stalledSince > TimeUnit.SECONDS.toNanos(2)) {
                        break; // no progress for 2 s: the proxy applies back-pressure
                    }
                    Thread.onSpinWait();
                } else {
                    stalledSince = 0;
                }
            }
            // kernel buffers on four sockets plus Haven's high water mark: a few MiB at most, never 512 MiB
            assertThat(sent).isLessThan(64L * 1024 * 1024);
            assertThat(haven.isAlive()).isTrue();
        }
        assertThat(exchangeHalfClosed("x")).isEqualTo("x1 bytes\n");
    }

    @Test
    void manyConcurrentConnectionsAllComplete() throws Exception {
        CompletableFuture<?>[] all = new CompletableFuture<?>[200];
        for (int i = 0; i < all.length; i++) {
            String msg = "client-" + i;
            all[i] = CompletableFuture.runAsync(() -> {
                try {
                    String reply = exchangeHalfClosed(msg);
                    assertThat(reply).isEqualTo(msg + msg.length() + " bytes\n");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
        }
        CompletableFuture.allOf(all).get(60, TimeUnit.SECONDS);
    }

    private static String exchangeHalfClosed(String msg) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write(msg.getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            return Net.readAll(s.getInputStream());
        }
    }
}
