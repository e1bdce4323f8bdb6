package io.haven.cluster.raft;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A leader cut off from the others (every message above its transport dropped, heartbeats
 * included) loses quorum and leadership and says so; the majority elects a new leader and goes on;
 * after healing the views merge, the old leader regains quorum and catches up.
 */
class IsolatedNodeQuorumTest {

    @Test
    void anIsolatedLeaderLosesQuorumAndRegainsItAfterHealing() throws Exception {
        try (TestCluster c = new TestCluster(QuorumMode.MAJORITY, List.of("a", "b"), List.of("w")).startAll()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> c.agreedLeader().isPresent());
            String cut = c.agreedLeader().orElseThrow();
            List<String> majority = c.voters.stream().map(Voter::name).filter(n -> !n.equals(cut)).toList();
            c.submit(cut, "before");

            long t0 = System.nanoTime();
            c.isolate(cut);
            QuorumRecorder cutOff = c.recorders.get(cut);
            await().atMost(Duration.ofSeconds(5)).until(() -> !cutOff.hasQuorum());
            long lost = cutOff.quorumChangedAt;
            assertThat(cutOff.reason()).isEqualTo("only 1 of 3 voters up, 2 needed");
            await().atMost(Duration.ofSeconds(5)).until(() -> c.node(cut).status().leader().isEmpty());
            assertThat(cutOff.leaders).endsWith(Optional.empty());
            assertThatThrownBy(() -> c.node(cut).submit("lost".getBytes(StandardCharsets.UTF_8)).get())
                    .isInstanceOf(ExecutionException.class);

            await().atMost(Duration.ofSeconds(5)).until(() -> majority.stream()
                    .allMatch(n -> c.node(n).status().leader().filter(majority::contains).isPresent()));
            long newLeader = majority.stream().mapToLong(n -> c.recorders.get(n).leaderChangedAt).max()
                    .orElseThrow();
            c.submit(majority.get(0), "during");
            System.out.printf("isolated leader %s: lost quorum after %d ms;"
                    + " the majority agreed on a new leader after %d ms%n",
                    cut, (lost - t0) / 1_000_000, (newLeader - t0) / 1_000_000);

            c.heal(cut);
            await().atMost(Duration.ofSeconds(15)).until(cutOff::hasQuorum);
            assertThat(cutOff.quorumEvents).contains("lost: only 1 of 3 voters up, 2 needed");
            assertThat(cutOff.reason()).isEqualTo("3 of 3 voters up");
            await().atMost(Duration.ofSeconds(10)).until(() -> c.agreedLeader().isPresent());
            c.submit(cut, "after");
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(c.applied(cut)).as(c::describe)
                    .containsExactly("before", "during", "after").isEqualTo(c.applied(majority.get(0))));
            assertThat(c.applied(majority.get(1))).isEqualTo(c.applied(cut));
        }
    }
}
