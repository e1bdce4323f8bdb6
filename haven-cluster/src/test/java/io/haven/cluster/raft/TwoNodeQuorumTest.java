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

/** The two_node rule of RAFT.md: who keeps quorum when one of a pair without witness goes away. */
class TwoNodeQuorumTest {

    private static TestCluster pair() throws Exception {
        return new TestCluster(QuorumMode.TWO_NODE, List.of("a", "b"), List.of());
    }

    private static String other(String n) {
        return n.equals("a") ? "b" : "a";
    }

    @Test
    void aNodeStartedAloneWaitsForItsPeerOnce() throws Exception {
        try (TestCluster c = pair()) {
            c.start("a");
            await().atMost(Duration.ofSeconds(5)).until(() -> c.recorders.get("a").reason()
                    .equals("two_node: b not seen since start (wait for all)"));
            assertThat(c.recorders.get("a").hasQuorum()).isFalse();
            assertThat(c.node("a").status().leader()).isEmpty();

            c.start("b");
            await().atMost(Duration.ofSeconds(10)).until(() -> c.recorders.get("a").hasQuorum()
                    && c.recorders.get("b").hasQuorum() && c.agreedLeader().isPresent());
            assertThat(c.recorders.get("a").reason()).isEqualTo("both nodes up");
        }
    }

    @Test
    void theSurvivorOfACrashedLeaderKeepsQuorumLeadsAndTheRestartedPeerCatchesUp() throws Exception {
        try (TestCluster c = pair().startAll()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> c.agreedLeader().isPresent());
            String crashed = c.agreedLeader().orElseThrow();
            String survivor = other(crashed);
            c.submit(survivor, "before");

            long t0 = System.nanoTime();
            c.halt(crashed);
            await().atMost(Duration.ofSeconds(5)).until(() -> c.node(survivor).status().isLeader());
            long t1 = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(2))
                    .until(() -> c.tryCommit(survivor, "alone"));
            long t2 = System.nanoTime();
            System.out.printf("two_node: leader %s crashed; %s led after %d ms, committed alone after %d ms%n",
                    crashed, survivor, (t1 - t0) / 1_000_000, (t2 - t0) / 1_000_000);
            QuorumRecorder r = c.recorders.get(survivor);
            assertThat(r.hasQuorum()).isTrue();
            assertThat(r.reason()).isEqualTo("two_node: " + crashed + " crashed (its sockets closed)");

            c.start(crashed);
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(c.applied(crashed))
                    .as(c::describe).containsExactly("before", "alone"));
            await().atMost(Duration.ofSeconds(5)).until(() -> c.recorders.get(crashed).hasQuorum()
                    && r.reason().equals("both nodes up"));
            c.submit(crashed, "together");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(c.applied(crashed))
                    .containsExactly("before", "alone", "together").isEqualTo(c.applied(survivor)));
        }
    }

    @Test
    void theSurvivorOfACleanLeaveKeepsQuorum() throws Exception {
        try (TestCluster c = pair().startAll()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> c.agreedLeader().isPresent());
            c.node("b").close();
            await().atMost(Duration.ofSeconds(5)).until(() -> c.node("a").status().isLeader());
            assertThat(c.recorders.get("a").reason()).isEqualTo("two_node: b left cleanly");
            c.submit("a", "alone");
            assertThat(c.applied("a")).containsExactly("alone");
        }
    }

    @Test
    void heartbeatLossWithTheDenyingArbiterLeavesNeitherSideWithQuorum() throws Exception {
        try (TestCluster c = pair().startAll()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> c.agreedLeader().isPresent());
            c.isolate("a");
            for (String n : List.of("a", "b")) {
                await().atMost(Duration.ofSeconds(5)).until(() -> c.recorders.get(n).reason()
                        .equals("two_node: " + other(n) + " unreachable, the arbiter denies running alone"));
                assertThat(c.recorders.get(n).hasQuorum()).isFalse();
                await().atMost(Duration.ofSeconds(5)).until(() -> c.node(n).status().leader().isEmpty());
                assertThatThrownBy(() -> c.node(n).submit("x".getBytes(StandardCharsets.UTF_8)).get())
                        .isInstanceOf(ExecutionException.class);
            }
            c.heal("a");
            await().atMost(Duration.ofSeconds(15)).until(() -> c.recorders.get("a").hasQuorum()
                    && c.recorders.get("b").hasQuorum() && c.agreedLeader().isPresent());
            c.submit("a", "healed");
            await().atMost(Duration.ofSeconds(5)).until(() -> c.applied("b").contains("healed"));
        }
    }

    @Test
    void heartbeatLossWithTheAllowingArbiterLetsBothSidesRunAloneThenOneLeaderAfterHealing() throws Exception {
        try (TestCluster c = pair().arbiter(TwoNodeArbiter.ALLOW).startAll()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> c.agreedLeader().isPresent());
            c.isolate("a");
            for (String n : List.of("a", "b")) {
                await().atMost(Duration.ofSeconds(5)).until(() -> c.recorders.get(n).reason()
                        .equals("two_node: " + other(n) + " unreachable, the arbiter lets this node run alone"));
                await().atMost(Duration.ofSeconds(5)).until(() -> c.node(n).status().isLeader()
                        && c.node(n).status().up().equals(java.util.Set.of(n)));
                assertThat(c.recorders.get(n).hasQuorum()).isTrue();
            }
            c.heal("a");
            await().atMost(Duration.ofSeconds(15)).until(() -> c.agreedLeader().isPresent()
                    && c.recorders.get("a").reason().equals("both nodes up")
                    && c.recorders.get("b").reason().equals("both nodes up"));
            c.submit("b", "healed");
            await().atMost(Duration.ofSeconds(5)).until(() -> c.applied("a").contains("healed"));
            assertThat(c.applied("a")).isEqualTo(c.applied("b"));
            assertThat(c.recorders.get("a").leaders).contains(Optional.of("a"));
            assertThat(c.recorders.get("a").soloCommitsLostTo).isEmpty(); // nobody wrote while apart
            assertThat(c.recorders.get("b").soloCommitsLostTo).isEmpty();
        }
    }

    @Test
    void whenBothSidesCommitWhileApartTheLoserIsTold() throws Exception {
        try (TestCluster c = pair().arbiter(TwoNodeArbiter.ALLOW).startAll()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> c.agreedLeader().isPresent());
            c.submit("a", "together");
            c.isolate("a");
            for (String n : List.of("a", "b")) {
                await().atMost(Duration.ofSeconds(5)).until(() -> c.node(n).status().isLeader()
                        && c.node(n).status().up().equals(java.util.Set.of(n)));
                c.submit(n, "apart-on-" + n);
            }
            c.heal("a");
            await().atMost(Duration.ofSeconds(15)).until(() -> c.agreedLeader().isPresent()
                    && c.recorders.get("a").reason().equals("both nodes up")
                    && c.recorders.get("b").reason().equals("both nodes up"));
            // a node that wrote alone and then follows the other is told; when leadership changes
            // again right after healing, both may be told (the warning errs on the side of saying it)
            await().atMost(Duration.ofSeconds(5)).until(() -> !c.recorders.get("a").soloCommitsLostTo.isEmpty()
                    || !c.recorders.get("b").soloCommitsLostTo.isEmpty());
            String loser = c.recorders.get("a").soloCommitsLostTo.isEmpty() ? "b" : "a";
            String winner = other(loser);
            for (String n : List.of("a", "b")) {
                assertThat(c.recorders.get(n).soloCommitsLostTo).as("%s was told it lost to", n)
                        .isSubsetOf(other(n));
            }
            System.out.printf("split brain: %s won; applied on %s %s, on %s %s%n", winner, winner,
                    c.applied(winner), loser, c.applied(loser));
        }
    }
}
