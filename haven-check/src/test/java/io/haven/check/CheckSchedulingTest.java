package io.haven.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.haven.core.server.CheckStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The schedule: a check never overlaps itself, a disabled check or agent does not run but
 * resumes when enabled, and {@code stop()} ends every task of the generation.
 */
class CheckSchedulingTest {
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final Duration QUIET = Duration.ofMillis(600);

    @Test
    void aCheckNeverOverlapsItself() throws Exception {
        try (TestPeer silent = TestPeer.start(TestPeer.SILENT);
             CheckHarness h = CheckHarness.start("""
                     backend app
                         option httpchk GET /
                         server s1 127.0.0.1:%d check inter 100 downinter 300
                     """.formatted(silent.port()))) {
            await().atMost(WAIT).until(() -> h.checks("app/s1").size() >= 4);
            assertThat(h.checks("app/s1")).extracting(o -> o.result().status()).containsOnly(CheckStatus.L7TOUT);
            assertThat(silent.maxConcurrent()).isEqualTo(1);
        }
    }

    @Test
    void aDisabledCheckPausesAndResumes() throws Exception {
        try (TestPeer peer = TestPeer.start(TestPeer.CLOSE);
             CheckHarness h = CheckHarness.start("""
                     backend app
                         server s1 127.0.0.1:%d check inter 100
                     """.formatted(peer.port()))) {
            await().atMost(WAIT).until(() -> h.checks("app/s1").size() >= 2);
            h.server("app/s1").setCheckEnabled(false);
            int paused = h.checks("app/s1").size();
            // one run may have been in flight when the check was disabled
            await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> h.checks("app/s1").size() <= paused + 1);
            assertThat(h.server("app/s1").statusText()).isEqualTo("no check");

            h.server("app/s1").setCheckEnabled(true);
            int resumed = h.checks("app/s1").size();
            await().atMost(WAIT).until(() -> h.checks("app/s1").size() >= resumed + 2);
        }
    }

    @Test
    void aDisabledAgentPausesAndResumes() throws Exception {
        try (TestPeer agent = TestPeer.start(s -> s.getOutputStream().write("up\n".getBytes()));
             CheckHarness h = CheckHarness.start("""
                     backend app
                         server s1 127.0.0.1:%d agent-check agent-port %d agent-inter 100
                     """.formatted(TestPeer.closedPort(), agent.port()))) {
            await().atMost(WAIT).until(() -> h.agents("app/s1").size() >= 2);
            h.server("app/s1").setAgentEnabled(false);
            int paused = h.agents("app/s1").size();
            await().during(QUIET).atMost(QUIET.multipliedBy(3)).until(() -> h.agents("app/s1").size() <= paused + 1);

            h.server("app/s1").setAgentEnabled(true);
            int resumed = h.agents("app/s1").size();
            await().atMost(WAIT).until(() -> h.agents("app/s1").size() >= resumed + 2);
        }
    }

    @Test
    void stopEndsEveryTask() throws Exception {
        try (TestPeer peer = TestPeer.start(TestPeer.CLOSE);
             TestPeer agent = TestPeer.start(s -> s.getOutputStream().write("up\n".getBytes()));
             CheckHarness h = CheckHarness.start("""
                     backend app
                         server s1 127.0.0.1:%d check inter 100 agent-check agent-port %d agent-inter 100
                         server s2 127.0.0.1:%d check inter 100
                     """.formatted(peer.port(), agent.port(), peer.port()))) {
            await().atMost(WAIT).until(() -> h.checks("app/s2").size() >= 2 && h.agents("app/s1").size() >= 2);
            h.healthChecks().stop();
            int connections = peer.accepted() + agent.accepted();
            // running, the three tasks would connect about 18 times in this period; stopped,
            // only a connection each that was already under way may still arrive
            await().during(QUIET).atMost(QUIET.multipliedBy(3))
                    .until(() -> peer.accepted() + agent.accepted() <= connections + 3);
        }
    }

    @Test
    void healthChecksAreOneShot() throws Exception {
        try (TestPeer peer = TestPeer.start(TestPeer.CLOSE);
             CheckHarness h = CheckHarness.start("""
                     backend app
                         server s1 127.0.0.1:%d check
                     """.formatted(peer.port()))) {
            h.healthChecks().stop();
            assertThatThrownBy(() -> h.healthChecks().start(null)).isInstanceOf(IllegalStateException.class);
        }
    }
}
