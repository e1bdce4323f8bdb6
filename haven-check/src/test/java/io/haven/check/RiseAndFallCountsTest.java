package io.haven.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.core.server.CheckStatus;
import io.haven.core.server.ServerStatus;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A fully UP server goes DOWN after exactly {@code fall} failed checks, and a DOWN one comes
 * back after exactly {@code rise} passed checks; the results in between leave it where it was.
 */
class RiseAndFallCountsTest {

    @Test
    void fallFailuresMarkDownAndRisePassesMarkUp() throws Exception {
        int port = TestPeer.closedPort();
        TestPeer peer = TestPeer.start(port, TestPeer.CLOSE);
        try (CheckHarness h = CheckHarness.start("""
                backend app
                    server s1 127.0.0.1:%d check inter 250 rise 3 fall 2
                """.formatted(port))) {
            String s1 = "app/s1";
            await().atMost(Duration.ofSeconds(5)).until(() -> "UP".equals(h.server(s1).statusText()));

            int before = h.checks(s1).size();
            peer.close();
            await().atMost(Duration.ofSeconds(5)).until(() -> h.server(s1).status() == ServerStatus.DOWN);
            List<Observation> falling = between(h.checks(s1), before, CheckStatus.L4CON, ServerStatus.DOWN);
            assertThat(falling).extracting(o -> o.result().status()).containsOnly(CheckStatus.L4CON);
            assertThat(falling).extracting(Observation::statusText).containsExactly("UP 1/2", "DOWN");
            assertThat(falling.get(0).result().info()).isEqualTo("Connection refused");

            int down = h.checks(s1).size();
            peer = TestPeer.start(port, TestPeer.CLOSE);
            await().atMost(Duration.ofSeconds(5)).until(() -> h.server(s1).status() == ServerStatus.UP);
            List<Observation> rising = between(h.checks(s1), down, CheckStatus.L4OK, ServerStatus.UP);
            assertThat(rising).extracting(o -> o.result().status()).containsOnly(CheckStatus.L4OK);
            assertThat(rising).extracting(Observation::statusText).containsExactly("DOWN 1/3", "DOWN 2/3", "UP");
            assertThat(rising).extracting(Observation::status)
                    .containsExactly(ServerStatus.DOWN, ServerStatus.DOWN, ServerStatus.UP);
        } finally {
            peer.close();
        }
    }

    /**
     * The results from index {@code start} on, from the first of status {@code first} up to the
     * first that left the server {@code last}.
     */
    private static List<Observation> between(List<Observation> all, int start, CheckStatus first, ServerStatus last) {
        int i = start;
        while (i < all.size() && all.get(i).result().status() != first) {
            i++; // a check that was in flight when the peer changed
        }
        int j = i;
        while (j < all.size() && all.get(j).status() != last) {
            j++;
        }
        return all.subList(i, Math.min(j + 1, all.size()));
    }

    @Test
    void aFreshServerThatFailsItsFirstCheckIsDownAtOnce() throws Exception {
        try (CheckHarness h = CheckHarness.start("""
                backend app
                    server s1 127.0.0.1:%d check inter 100 rise 2 fall 3
                """.formatted(TestPeer.closedPort()))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> !h.checks("app/s1").isEmpty());
            Observation first = h.checks("app/s1").get(0);
            assertThat(first.result().status()).isEqualTo(CheckStatus.L4CON);
            assertThat(first.status()).isEqualTo(ServerStatus.DOWN);
        }
    }
}
