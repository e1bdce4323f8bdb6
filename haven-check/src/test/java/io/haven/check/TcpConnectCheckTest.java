package io.haven.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.core.server.CheckStatus;
import io.haven.core.server.ServerStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TcpConnectCheckTest {

    @Test
    void aServerThatAcceptsPassesWithL4ok() throws Exception {
        try (TestPeer peer = TestPeer.start(TestPeer.CLOSE);
             CheckHarness h = CheckHarness.start("""
                     backend app
                         server s1 127.0.0.1:%d check inter 100
                     """.formatted(peer.port()))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> h.checks("app/s1").size() >= 2);
            Observation o = h.lastCheck("app/s1");
            assertThat(o.result().status()).isEqualTo(CheckStatus.L4OK);
            assertThat(o.result().info()).isEmpty();
            assertThat(o.status()).isEqualTo(ServerStatus.UP);
            assertThat(h.server("app/s1").statusText()).isEqualTo("UP");
            assertThat(peer.accepted()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void theCheckPortAndAddressOverrideTheServers() throws Exception {
        try (TestPeer peer = TestPeer.start(TestPeer.CLOSE);
             CheckHarness h = CheckHarness.start("""
                     backend app
                         server s1 127.0.0.1:%d check addr 127.0.0.1 port %d inter 100
                     """.formatted(TestPeer.closedPort(), peer.port()))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> h.checks("app/s1").size() >= 1);
            assertThat(h.lastCheck("app/s1").result().status()).isEqualTo(CheckStatus.L4OK);
        }
    }
}
