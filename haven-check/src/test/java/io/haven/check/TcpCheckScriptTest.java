package io.haven.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.core.server.CheckResult;
import io.haven.core.server.CheckStatus;
import io.haven.core.server.ServerStatus;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * {@code tcp-check} rules run in order against a real line server: all passed is L7OK
 * "(tcp-check)"; a failed expect is L7RSP naming the step, once the server closed; a server
 * that stays silent makes the expect time out (L7TOUT) with the step in the info.
 */
class TcpCheckScriptTest {

    private static CheckResult firstCheck(TestPeer peer, String rules) throws Exception {
        return firstCheck(peer.port(), rules);
    }

    private static CheckResult firstCheck(int port, String rules) throws Exception {
        try (CheckHarness h = CheckHarness.start("""
                backend app
                    option tcp-check
                %s
                    timeout check 1s
                    server s1 127.0.0.1:%d check inter 100
                """.formatted(rules.indent(4), port))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> h.lastCheck("app/s1") != null);
            Observation o = h.lastCheck("app/s1");
            assertThat(o.status()).isEqualTo(o.result().status().outcome() == CheckStatus.Outcome.PASSED
                    ? ServerStatus.UP : ServerStatus.DOWN);
            return o.result();
        }
    }

    @Test
    void sendAndExpectPass() throws Exception {
        try (TestPeer peer = TestPeer.start(LineServer.pong(false))) {
            CheckResult r = firstCheck(peer, """
                    tcp-check send PING\\r\\n
                    tcp-check expect string +PONG
                    """);
            assertThat(r.status()).isEqualTo(CheckStatus.L7OK);
            assertThat(r.info()).isEqualTo("(tcp-check)");
        }
    }

    @Test
    void aMismatchFailsAtItsStepOnceTheServerCloses() throws Exception {
        try (TestPeer peer = TestPeer.start(LineServer.pong(true))) {
            CheckResult r = firstCheck(peer, """
                    tcp-check send PING\\r\\n
                    tcp-check expect string +PANG
                    """);
            assertThat(r.status()).isEqualTo(CheckStatus.L7RSP);
            assertThat(r.info()).isEqualTo("TCPCHK did not match content '+PANG' at step 2");
        }
    }

    @Test
    void aMismatchOnAnOpenConnectionTimesOut() throws Exception {
        try (TestPeer peer = TestPeer.start(LineServer.pong(false))) {
            CheckResult r = firstCheck(peer, """
                    tcp-check send PING\\r\\n
                    tcp-check expect string +PANG
                    """);
            assertThat(r.status()).isEqualTo(CheckStatus.L7TOUT);
            assertThat(r.info()).isEqualTo("at step 2 of tcp-check (expect string '+PANG')");
        }
    }

    @Test
    void negatedExpectPassesWhenTheContentNeverCame() throws Exception {
        try (TestPeer peer = TestPeer.start(LineServer.pong(true))) {
            CheckResult r = firstCheck(peer, """
                    tcp-check send PING\\r\\n
                    tcp-check expect ! string -ERR
                    """);
            assertThat(r.status()).isEqualTo(CheckStatus.L7OK);
        }
    }

    @Test
    void negatedExpectFailsOnTheUnwantedContent() throws Exception {
        try (TestPeer peer = TestPeer.start(LineServer.pong(false))) {
            CheckResult r = firstCheck(peer, """
                    tcp-check send HELLO\\r\\n
                    tcp-check expect ! string -ERR
                    """);
            assertThat(r.status()).isEqualTo(CheckStatus.L7RSP);
            assertThat(r.info()).isEqualTo("TCPCHK matched unwanted content '-ERR' at step 2");
        }
    }

    @Test
    void regexAndBinaryExpectations() throws Exception {
        try (TestPeer peer = TestPeer.start(LineServer.pong(false))) {
            CheckResult r = firstCheck(peer, """
                    tcp-check send-binary 50494e470d0a
                    tcp-check expect binary 2b504f4e47
                    tcp-check expect rstring ^[+]PO[N]G
                    tcp-check send PING\\r\\n
                    tcp-check expect rstring '^\\+PONG\\r\\n$'
                    """);
            assertThat(r.status()).isEqualTo(CheckStatus.L7OK);
        }
    }

    @Test
    void aBannerIsExpectedWithoutSendingFirst() throws Exception {
        try (TestPeer peer = TestPeer.start(LineServer.of("220 mail ready", l -> "221 bye", false))) {
            CheckResult r = firstCheck(peer, """
                    tcp-check expect string 220
                    tcp-check expect rstring ready
                    tcp-check send QUIT\\r\\n
                    tcp-check expect string 221
                    """);
            assertThat(r.status()).isEqualTo(CheckStatus.L7OK);
        }
    }

    @Test
    void connectRulesChooseThePort() throws Exception {
        try (TestPeer peer = TestPeer.start(LineServer.pong(false))) {
            CheckResult r = firstCheck(TestPeer.closedPort(), """
                    tcp-check connect port %d
                    tcp-check send PING\\r\\n
                    tcp-check expect string +PONG
                    """.formatted(peer.port()));
            assertThat(r.status()).isEqualTo(CheckStatus.L7OK);
        }
    }

    @Test
    void aScriptEndingWithAConnectIsLayer4() throws Exception {
        try (TestPeer peer = TestPeer.start(TestPeer.CLOSE)) {
            CheckResult r = firstCheck(peer, "tcp-check connect\n");
            assertThat(r.status()).isEqualTo(CheckStatus.L4OK);
            assertThat(r.info()).isEqualTo("(tcp-check)");
        }
    }

    @Test
    void refusedConnectionsNameTheConnectStep() throws Exception {
        int closed = TestPeer.closedPort();
        CheckResult implicit = firstCheck(closed, "tcp-check send PING\\r\\n\n");
        assertThat(implicit.status()).isEqualTo(CheckStatus.L4CON);
        assertThat(implicit.info()).isEqualTo("Connection refused at initial connection step of tcp-check");

        CheckResult explicit = firstCheck(closed, "tcp-check connect port %d\n".formatted(closed));
        assertThat(explicit.status()).isEqualTo(CheckStatus.L4CON);
        assertThat(explicit.info())
                .isEqualTo("Connection refused at step 1 of tcp-check (connect port " + closed + ")");
    }
}
