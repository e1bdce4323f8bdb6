package io.haven.cluster.raft;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Settings reject what cannot work, naming the offending value and what would be accepted. */
class ClusterSettingsTest {
    private static final Path DIR = Path.of("/tmp/unused");
    private static final List<Voter> PAIR_AND_WITNESS = List.of(Voter.member("a", "127.0.0.1", 7800),
            Voter.member("b", "127.0.0.1", 7801), Voter.witness("w", "127.0.0.1", 7802));

    @Test
    void defaultsBindToTheNodesOwnAddress() {
        ClusterSettings s = ClusterSettings.of("b", PAIR_AND_WITNESS, DIR, QuorumMode.MAJORITY);
        assertThat(s.bind().getPort()).isEqualTo(7801);
        assertThat(s.majority()).isEqualTo(2);
        assertThat(s.voterNames()).containsExactly("a", "b", "w");
        assertThat(s.peer()).isEmpty();
        assertThat(s.timeouts()).isEqualTo(ClusterTimeouts.defaults());
        assertThat(s.fdPortOffset()).isEqualTo(100);
    }

    @Test
    void aNodeMustBeOneOfTheVoters() {
        assertThatThrownBy(() -> ClusterSettings.of("x", PAIR_AND_WITNESS, DIR, QuorumMode.MAJORITY))
                .hasMessage("node 'x' is not one of the voters [a, b, w]");
    }

    @Test
    void votersHaveUniqueNamesAndAddresses() {
        assertThatThrownBy(() -> ClusterSettings.of("a", List.of(Voter.member("a", "127.0.0.1", 7800),
                Voter.member("a", "127.0.0.1", 7801), Voter.member("c", "127.0.0.1", 7802)), DIR, QuorumMode.MAJORITY))
                .hasMessage("voter 'a' is listed twice");
        assertThatThrownBy(() -> ClusterSettings.of("a", List.of(Voter.member("a", "127.0.0.1", 7800),
                Voter.member("b", "127.0.0.1", 7800), Voter.member("c", "127.0.0.1", 7802)), DIR, QuorumMode.MAJORITY))
                .hasMessage("voter 'b' reuses address 127.0.0.1:7800");
        assertThatThrownBy(() -> Voter.member("a b", "127.0.0.1", 7800))
                .hasMessage("voter name 'a b' must be letters, digits, '_', '.' or '-'");
    }

    @Test
    void twoVotersNeedTwoNodeModeAndTwoNodeModeNeedsExactlyTwoMembers() {
        List<Voter> pair = PAIR_AND_WITNESS.subList(0, 2);
        assertThatThrownBy(() -> ClusterSettings.of("a", pair, DIR, QuorumMode.MAJORITY))
                .hasMessage("two voters cannot survive a failure with quorum majority: add a witness or use quorum"
                        + " two_node");
        assertThatThrownBy(() -> ClusterSettings.of("a", PAIR_AND_WITNESS, DIR, QuorumMode.TWO_NODE))
                .hasMessage("quorum two_node needs exactly two members and no witness, got [a, b, w]; with a witness"
                        + " use quorum majority");
        assertThat(ClusterSettings.of("a", pair, DIR, QuorumMode.TWO_NODE).peer()).contains("b");
    }

    @Test
    void quorumModesParseTheirKeywordsOnly() {
        assertThat(QuorumMode.parse("two_node")).isEqualTo(QuorumMode.TWO_NODE);
        assertThat(QuorumMode.parse("majority")).isEqualTo(QuorumMode.MAJORITY);
        assertThatThrownBy(() -> QuorumMode.parse("two-node"))
                .hasMessage("unknown quorum mode 'two-node': expected majority or two_node");
    }

    @Test
    void timeoutsMustBeConsistent() {
        ClusterTimeouts d = ClusterTimeouts.defaults();
        assertThatThrownBy(() -> new ClusterTimeouts(Duration.ofMillis(100), Duration.ofMillis(150),
                d.suspectVerify(), d.joinTimeout(), d.mergeMin(), d.mergeMax(), d.voteTimeout(), d.submitTimeout()))
                .hasMessage("heartbeat-timeout (150 ms) must be at least twice heartbeat-interval (100 ms)");
        assertThatThrownBy(() -> new ClusterTimeouts(d.heartbeatInterval(), d.heartbeatTimeout(), Duration.ZERO,
                d.joinTimeout(), d.mergeMin(), d.mergeMax(), d.voteTimeout(), d.submitTimeout()))
                .hasMessage("suspect-verify must be a positive duration, got PT0S");
        assertThatThrownBy(() -> new ClusterTimeouts(d.heartbeatInterval(), d.heartbeatTimeout(), d.suspectVerify(),
                d.joinTimeout(), Duration.ofSeconds(2), Duration.ofSeconds(2), d.voteTimeout(), d.submitTimeout()))
                .hasMessage("merge-max (2000 ms) must be greater than merge-min (2000 ms)");
    }
}
