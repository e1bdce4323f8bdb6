package io.haven.cluster.raft;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Two members and a witness elect one leader that every node knows, and all have quorum. */
class LeaderElectionTest {

    @Test
    void twoMembersAndAWitnessAgreeOnOneLeaderWithQuorum() throws Exception {
        try (TestCluster c = new TestCluster(QuorumMode.MAJORITY, List.of("a", "b"), List.of("w"))) {
            long t0 = System.nanoTime();
            c.startAll();
            await().atMost(Duration.ofSeconds(10)).until(() -> c.agreedLeader().isPresent());
            System.out.printf("leader elected %d ms after the first start%n", (System.nanoTime() - t0) / 1_000_000);
            String leader = c.agreedLeader().orElseThrow();
            assertThat(List.of("a", "b", "w")).contains(leader);
            for (String n : List.of("a", "b", "w")) {
                await().atMost(Duration.ofSeconds(5)).until(() -> c.recorders.get(n).hasQuorum());
                assertThat(c.recorders.get(n).reason()).isEqualTo("3 of 3 voters up");
                ClusterStatus s = c.node(n).status();
                assertThat(s.up()).containsExactlyInAnyOrder("a", "b", "w");
                assertThat(s.isLeader()).isEqualTo(n.equals(leader));
            }
            assertThat(c.node("a").isWitness("w")).isTrue();
            assertThat(c.node("a").isWitness("a")).isFalse();
        }
    }
}
