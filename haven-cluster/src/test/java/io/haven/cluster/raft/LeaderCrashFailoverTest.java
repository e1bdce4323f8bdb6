package io.haven.cluster.raft;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The leader crashes (its channel is shut without a leave, so its sockets close as in kill -9): a
 * new leader is elected among the survivors, commands continue, and the restarted node catches up
 * from its own log plus the leader's. Five rounds; the times are printed, not asserted.
 */
class LeaderCrashFailoverTest {

    @Test
    void survivorsElectANewLeaderAndTheCrashedNodeCatchesUpAfterRestart() throws Exception {
        List<Long> toLeader = new ArrayList<>();
        List<Long> toCommit = new ArrayList<>();
        try (TestCluster c = new TestCluster(QuorumMode.MAJORITY, List.of("a", "b"), List.of("w")).startAll()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> c.agreedLeader().isPresent());
            int seq = 0;
            for (int round = 1; round <= 5; round++) {
                for (int i = 0; i < 5; i++) {
                    c.submit("a", "r" + round + "-before-" + i);
                }
                String old = c.agreedLeader().orElseThrow();
                String survivor = c.voters.stream().map(Voter::name).filter(n -> !n.equals(old)).findFirst()
                        .orElseThrow();
                long t0 = System.nanoTime();
                c.halt(old);
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
                        .until(() -> c.agreedLeader().filter(l -> !l.equals(old)).isPresent());
                long t1 = System.nanoTime();
                String cmd = "r" + round + "-after";
                int attempt = seq++;
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(2))
                        .until(() -> c.tryCommit(survivor, cmd + "-" + attempt));
                long t2 = System.nanoTime();
                toLeader.add((t1 - t0) / 1_000_000);
                toCommit.add((t2 - t0) / 1_000_000);
                System.out.printf("round %d: leader %s crashed; new leader %s after %d ms, first commit after %d ms%n",
                        round, old, c.agreedLeader().orElse("?"), (t1 - t0) / 1_000_000, (t2 - t0) / 1_000_000);

                c.start(old); // fresh state machine over the same state directory
                await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(c.applied(old))
                        .as(c::describe).isEqualTo(c.applied(survivor)).contains(cmd + "-" + attempt));
                await().atMost(Duration.ofSeconds(10)).until(() -> c.agreedLeader().isPresent()
                        && c.running().size() == 3);
            }
            List<String> reference = c.applied("a");
            assertThat(c.applied("b")).isEqualTo(reference);
            assertThat(c.applied("w")).isEqualTo(reference);
            assertThat(reference).hasSizeGreaterThanOrEqualTo(30);
        }
        System.out.printf("leader crash -> new leader: median %d ms %s; -> first commit: median %d ms %s%n",
                median(toLeader), toLeader, median(toCommit), toCommit);
    }

    static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
