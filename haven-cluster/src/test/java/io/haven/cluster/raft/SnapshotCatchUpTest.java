package io.haven.cluster.raft;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A node that was down while the leader compacted its log into a snapshot catches up from that snapshot. */
class SnapshotCatchUpTest {

    @Test
    void aRestartedFollowerBehindTheLeadersSnapshotInstallsIt() throws Exception {
        try (TestCluster c = new TestCluster(QuorumMode.MAJORITY, List.of("a", "b"), List.of("w")).startAll()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> c.agreedLeader().isPresent());
            String leader = c.agreedLeader().orElseThrow();
            String follower = c.voters.stream().map(Voter::name).filter(n -> !n.equals(leader)).findFirst()
                    .orElseThrow();
            for (int i = 0; i < 5; i++) {
                c.submit(leader, "early-" + i);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> c.applied(follower).size() == 5);
            c.halt(follower);
            for (int i = 0; i < 20; i++) {
                c.submit(leader, "while-down-" + i);
            }
            c.node(leader).snapshot();

            c.start(follower);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                    assertThat(c.applied(follower)).as(c::describe).isEqualTo(c.applied(leader)).hasSize(25));
            assertThat(c.machines.get(follower).snapshotsRead()).isPositive();

            c.submit(follower, "after");
            await().atMost(Duration.ofSeconds(5)).until(() -> c.applied(follower).contains("after"));
            assertThat(c.applied(follower)).isEqualTo(c.applied(leader));
        }
    }
}
