package io.haven.cluster.raft;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A link cut between the two members while both still reach the witness: the coordinator keeps
 * one of them, and the other must lose quorum even if its own view never changes (its suspicion of
 * the witness is cleared, since the witness answers; only the witness's heartbeats stop). Never
 * both members with quorum once the failure detector had its time; both again after healing.
 */
class LinkCutQuorumTest {

    @Test
    void aCutBetweenTheMembersLeavesQuorumWithOneOfThemOnly() throws Exception {
        try (TestCluster c = new TestCluster(QuorumMode.MAJORITY, List.of("a", "b"), List.of("w")).startAll()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> c.agreedLeader().isPresent());
            QuorumRecorder a = c.recorders.get("a");
            QuorumRecorder b = c.recorders.get("b");
            await().atMost(Duration.ofSeconds(10)).until(() -> a.hasQuorum() && b.hasQuorum());

            c.cutLink("a", "b");
            // heartbeat timeout + verification + view installation + the heartbeat timeout of the
            // excluded side: within a few seconds, and then for good while the cut lasts
            await("exactly one member with quorum").atMost(Duration.ofSeconds(10)).during(Duration.ofSeconds(3))
                    .until(() -> a.hasQuorum() ^ b.hasQuorum());
            QuorumRecorder without = a.hasQuorum() ? b : a;
            System.out.println("cut link: " + (a.hasQuorum() ? "a" : "b") + " keeps quorum; the other: " + without.reason());

            c.healLink("a", "b");
            await("both members with quorum after healing").atMost(Duration.ofSeconds(20))
                    .until(() -> a.hasQuorum() && b.hasQuorum());
            assertThat(c.agreedLeader()).isPresent();
        }
    }
}
