package io.haven.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.core.server.CheckStatus;
import io.haven.core.server.ServerStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Time limits per HAProxy: a server that accepts but never answers is L7TOUT, after
 * {@code timeout check} when set (else {@code inter}); a connection that cannot be established
 * in time is L4TOUT.
 */
class CheckTimeoutTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @Test
    void aSilentHttpServerTimesOutAfterInter() throws Exception {
        try (TestPeer silent = TestPeer.start(TestPeer.SILENT);
             CheckHarness h = CheckHarness.start("""
                     backend app
                         option httpchk GET /
                         server s1 127.0.0.1:%d check inter 200
                     """.formatted(silent.port()))) {
            await().atMost(WAIT).until(() -> h.lastCheck("app/s1") != null);
            Observation o = h.lastCheck("app/s1");
            assertThat(o.result().status()).isEqualTo(CheckStatus.L7TOUT);
            assertThat(o.result().durationMs()).isGreaterThanOrEqualTo(200);
            assertThat(o.status()).isEqualTo(ServerStatus.DOWN);
        }
    }

    @Test
    void timeoutCheckBoundsTheExchangeAfterConnect() throws Exception {
        try (TestPeer silent = TestPeer.start(TestPeer.SILENT);
             CheckHarness h = CheckHarness.start("""
                     backend app
                         option httpchk GET /
                         timeout check 300
                         server s1 127.0.0.1:%d check inter 100
                     """.formatted(silent.port()))) {
            await().atMost(WAIT).until(() -> h.lastCheck("app/s1") != null);
            Observation o = h.lastCheck("app/s1");
            assertThat(o.result().status()).isEqualTo(CheckStatus.L7TOUT);
            assertThat(o.result().durationMs()).isGreaterThanOrEqualTo(300);
        }
    }

    @Test
    void aConnectionThatIsNeverEstablishedIsL4tout() throws Exception {
        // a listener that never accepts, its queue filled: further SYNs go unanswered
        try (ServerSocket full = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            List<Socket> fillers = fillAcceptQueue(full.getLocalPort());
            try (CheckHarness h = CheckHarness.start("""
                    backend app
                        timeout connect 200
                        timeout check 5s
                        server s1 127.0.0.1:%d check inter 1000
                    """.formatted(full.getLocalPort()))) {
                await().atMost(WAIT).until(() -> h.lastCheck("app/s1") != null);
                Observation o = h.lastCheck("app/s1");
                assertThat(o.result().status()).isEqualTo(CheckStatus.L4TOUT);
                assertThat(o.result().durationMs()).isGreaterThanOrEqualTo(200);
            } finally {
                for (Socket s : fillers) {
                    s.close();
                }
            }
        }
    }

    /** Connects until a connection attempt hangs; at most 16 tries. */
    private static List<Socket> fillAcceptQueue(int port) throws IOException {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
                sockets.add(s);
            } catch (SocketTimeoutException full) {
                s.close();
                return sockets;
            }
        }
        throw new IllegalStateException("the accept queue of port " + port + " never filled");
    }
}
