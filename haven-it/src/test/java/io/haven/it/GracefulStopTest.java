package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.ConnectionLoad;
import io.haven.it.support.EchoServer;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.NamedServers;
import io.haven.it.support.Net;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM stops the real program as HAProxy's soft stop does: listeners close at once, open
 * connections go on until their clients finish, then the process exits 0; with
 * {@code hard-stop-after}, connections still open when it expires are cut, also while a
 * listener is paused at its maxconn and other connections keep ending.
 */
class GracefulStopTest {
    private static final Duration WAIT = Duration.ofSeconds(15);

    @TempDir
    Path dir;
    private EchoServer echo;
    private HavenProcess haven;
    private int port;
    private Path socket;

    @BeforeEach
    void startEcho() throws IOException {
        echo = new EchoServer();
        port = Net.freePort();
        socket = dir.resolve("admin.sock");
    }

    @AfterEach
    void stop() throws Exception {
        if (haven != null) {
            haven.close();
        }
        echo.close();
    }

    @Test
    void sigtermRefusesNewConnectionsAndExitsZeroOnceTheOpenOneFinishes() throws Exception {
        start("");
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            assertThat(echo(s, "one")).isEqualTo("one");

            haven.signal("TERM");
            await("new connections are refused").atMost(WAIT).until(() -> !Net.accepts(port));
            assertThat(haven.isAlive()).as("the open connection holds the process").isTrue();
            assertThat(socket).as("the stats socket is gone with the listeners").doesNotExist();

            assertThat(echo(s, "two")).as("the open connection still relays").isEqualTo("two");
            s.shutdownOutput();
            assertThat(Net.readAll(s.getInputStream())).isEqualTo("6 bytes\n");
        }
        assertThat(haven.awaitExit(WAIT)).as(haven.stderr()).isZero();
        assertThat(haven.stderr()).contains("SIGTERM received: stopping gracefully", "stopped")
                .doesNotContain("grace period over");
    }

    @Test
    void hardStopAfterCutsAConnectionThatDoesNotFinish() throws Exception {
        start("    hard-stop-after 1s\n");
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            assertThat(echo(s, "one")).isEqualTo("one");

            haven.signal("TERM");
            await("new connections are refused").atMost(WAIT).until(() -> !Net.accepts(port));
            s.setSoTimeout(200);
            await("haven cuts the connection").atMost(WAIT).until(() -> atEnd(s.getInputStream()));
        }
        assertThat(haven.awaitExit(WAIT)).as(haven.stderr()).isZero();
        assertThat(haven.stderr()).contains("grace period over: closing 1 remaining connection(s)", "stopped");
    }

    @Test
    void sigtermUnderLoadWithAListenerPausedAtMaxconnStillStops() throws Exception {
        // One event loop, a listener paused at its maxconn and connections ending all the time on
        // another: closing the listeners must not wait for a loop that waits for the stop.
        NamedServers servers = new NamedServers("s1");
        try (servers) {
            int busy = Net.freePort();
            start("    nbthread 1\n    hard-stop-after 1s\n", "    maxconn 1\n"
                    + "listen busy\n    bind 127.0.0.1:" + busy + "\n    server s1 127.0.0.1:" + servers.port(0) + "\n");
            haven.awaitPorts(busy);
            try (Socket held = new Socket("127.0.0.1", port);
                 ConnectionLoad load = new ConnectionLoad(busy, 3, Duration.ofSeconds(20), 20_000)) {
                held.setSoTimeout(10_000);
                assertThat(echo(held, "hold")).isEqualTo("hold");
                await("load").atMost(WAIT).until(() -> load.successes() >= 100 || !load.running());
                assertThat(load.failureSamples()).isEmpty();
                haven.signal("TERM");
                assertThat(haven.awaitExit(WAIT)).as(haven.stderr()).isZero();
            }
        }
        assertThat(haven.stderr()).contains("stopped");
    }

    private void start(String global) throws IOException {
        start(global, "");
    }

    /** {@code global} lines, and {@code more} after the {@code listen echo} section's lines. */
    private void start(String global, String more) throws IOException {
        Path cfg = dir.resolve("haven.cfg");
        Files.writeString(cfg, """
                global
                    stats socket %s level admin
                %sdefaults
                    mode tcp
                    timeout connect 2s
                    timeout client 30s
                    timeout server 30s
                listen echo
                    bind 127.0.0.1:%d
                    server echo 127.0.0.1:%d
                %s""".formatted(socket, global, port, echo.port(), more));
        haven = HavenProcess.start(dir, cfg, port);
        await("stats socket").atMost(WAIT).until(() -> Files.exists(socket));
    }

    private static String echo(Socket s, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        s.getOutputStream().write(bytes);
        s.getOutputStream().flush();
        return new String(s.getInputStream().readNBytes(bytes.length), StandardCharsets.US_ASCII);
    }

    /** True once a read returns the end of the stream; false while the connection is open and silent. */
    private static boolean atEnd(InputStream in) throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }
}
