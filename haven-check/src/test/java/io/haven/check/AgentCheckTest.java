package io.haven.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.core.server.CheckStatus;
import io.haven.core.server.Server;
import io.haven.core.server.ServerStatus;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@code agent-check}: the agent's one-line answer drives the server's admin state, operational
 * state and weight; an agent that cannot be reached changes nothing.
 */
class AgentCheckTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** An agent that answers every connection with the current reply and a newline, then closes. */
    private static TestPeer agent(AtomicReference<String> reply) throws Exception {
        return TestPeer.start(s -> {
            s.getOutputStream().write((reply.get() + "\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
        });
    }

    @Test
    void agentWordsDriveTheServerState() throws Exception {
        AtomicReference<String> reply = new AtomicReference<>("up");
        try (TestPeer peer = agent(reply);
             CheckHarness h = CheckHarness.start("""
                     backend app
                         server s1 127.0.0.1:%d weight 100 agent-check agent-port %d agent-inter 100
                     """.formatted(TestPeer.closedPort(), peer.port()))) {
            Server s1 = h.server("app/s1");
            await().atMost(WAIT).until(() -> h.lastAgent("app/s1") != null);
            assertThat(h.lastAgent("app/s1").result().status()).isEqualTo(CheckStatus.L7OK);
            assertThat(h.lastAgent("app/s1").result().info()).isEqualTo("up");
            assertThat(s1.status()).isEqualTo(ServerStatus.UP);

            expect(h, reply, "drain", () -> s1.status() == ServerStatus.DRAIN);
            expect(h, reply, "maint", () -> s1.status() == ServerStatus.MAINT);
            expect(h, reply, "ready", () -> s1.status() == ServerStatus.UP);
            expect(h, reply, "50%", () -> s1.weight() == 50);
            assertThat(s1.status()).isEqualTo(ServerStatus.UP);
            expect(h, reply, "down # disk full", () -> s1.status() == ServerStatus.DOWN);
            expect(h, reply, "up 100%", () -> s1.status() == ServerStatus.UP && s1.weight() == 100);
        }
    }

    @Test
    void anAgentThatCannotBeReachedChangesNothing() throws Exception {
        try (TestPeer service = TestPeer.start(TestPeer.CLOSE);
             CheckHarness h = CheckHarness.start("""
                     backend app
                         server s1 127.0.0.1:%d check inter 100 agent-check agent-port %d agent-inter 100
                     """.formatted(service.port(), TestPeer.closedPort()))) {
            await().atMost(WAIT).until(() -> h.agents("app/s1").size() >= 3 && h.checks("app/s1").size() >= 2);
            Observation o = h.lastAgent("app/s1");
            assertThat(o.result().status()).isEqualTo(CheckStatus.L4CON);
            assertThat(o.result().info()).isEqualTo("Connection refused");
            assertThat(h.agents("app/s1")).extracting(Observation::status).containsOnly(ServerStatus.UP);
            assertThat(h.server("app/s1").lastAgent().status()).isEqualTo(CheckStatus.L4CON);
            assertThat(h.server("app/s1").status()).isEqualTo(ServerStatus.UP);
        }
    }

    @Test
    void aLineWithoutNewlineCountsWhenTheAgentCloses() throws Exception {
        try (TestPeer peer = TestPeer.start(s -> s.getOutputStream().write("drain".getBytes(StandardCharsets.US_ASCII)));
             CheckHarness h = CheckHarness.start("""
                     backend app
                         server s1 127.0.0.1:%d agent-check agent-port %d agent-inter 100
                     """.formatted(TestPeer.closedPort(), peer.port()))) {
            await().atMost(WAIT).until(() -> h.server("app/s1").status() == ServerStatus.DRAIN);
        }
    }

    private static void expect(CheckHarness h, AtomicReference<String> reply, String line,
                               java.util.concurrent.Callable<Boolean> state) {
        reply.set(line);
        await().atMost(WAIT).until(state);
        assertThat(h.lastAgent("app/s1").result().info()).isEqualTo(line);
    }
}
