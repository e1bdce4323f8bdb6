package io.haven.cluster.raft;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two members and a witness keep a leader and commit with any one voter down; a leader that is
 * not the one who went down stays leader (no needless election).
 */
class WitnessQuorumTest {

    @Test
    void anyOneVoterDownLeavesALeaderThatCommits() throws Exception {
        try (TestCluster c = new TestCluster(QuorumMode.MAJORITY, List.of("a", "b"), List.of("w")).startAll()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> c.agreedLeader().isPresent());
            for (String down : List.of("a", "b", "w")) {
                String before = c.agreedLeader().orElseThrow();
                c.halt(down);
                List<String> others = c.voters.stream().map(Voter::name).filter(n -> !n.equals(down)).toList();
                await().atMost(Duration.ofSeconds(5)).until(() ->
                        c.agreedLeader().filter(others::contains).isPresent()
                                && others.stream().allMatch(n -> c.recorders.get(n).hasQuorum()));
                if (!before.equals(down)) {
                    assertThat(c.agreedLeader()).contains(before);
                }
                for (String via : others) {
                    c.submit(via, down + "-down-via-" + via);
                }
                assertThat(c.recorders.get(others.get(0)).reason()).isEqualTo("2 of 3 voters up");

                c.start(down);
                String last = down + "-down-via-" + others.get(1);
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(c.applied(down))
                        .as(c::describe).isEqualTo(c.applied(others.get(0))).contains(last));
                await().atMost(Duration.ofSeconds(5)).until(() -> c.recorders.get(down).hasQuorum());
            }
            assertThat(c.applied("a")).hasSize(6).isEqualTo(c.applied("b")).isEqualTo(c.applied("w"));
        }
    }
}
