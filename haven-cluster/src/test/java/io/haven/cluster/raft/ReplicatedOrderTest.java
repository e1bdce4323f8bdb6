package io.haven.cluster.raft;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Commands submitted concurrently on every node, followers included, are applied in one order everywhere. */
class ReplicatedOrderTest {

    @Test
    void commandsFromAllNodesAreAppliedInTheSameOrderOnEveryNode() throws Exception {
        try (TestCluster c = new TestCluster(QuorumMode.MAJORITY, List.of("a", "b"), List.of("w")).startAll()) {
            await().atMost(Duration.ofSeconds(10)).until(() -> c.agreedLeader().isPresent());
            String leader = c.agreedLeader().orElseThrow();
            String follower = leader.equals("a") ? "b" : "a";

            // a follower's command is forwarded to the leader and its result comes back
            byte[] first = c.submit(follower, "first");
            // the first command the machine applied
            assertThat(new String(first, StandardCharsets.UTF_8)).isEqualTo("#1");

            List<CompletableFuture<byte[]>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                for (String via : List.of("a", "b", "w")) {
                    futures.add(c.node(via).submit((via + "-" + i).getBytes(StandardCharsets.UTF_8)));
                }
            }
            Set<String> results = new HashSet<>();
            for (CompletableFuture<byte[]> f : futures) {
                results.add(new String(f.get(), StandardCharsets.UTF_8));
            }
            assertThat(results).hasSize(150); // every command got its own log position

            await().atMost(Duration.ofSeconds(10)).until(() ->
                    c.applied("a").size() == 151 && c.applied("b").size() == 151 && c.applied("w").size() == 151);
            assertThat(c.applied("a")).first().isEqualTo("first");
            assertThat(c.applied("b")).isEqualTo(c.applied("a"));
            assertThat(c.applied("w")).isEqualTo(c.applied("a"));
            assertThat(new HashSet<>(c.applied("a"))).hasSize(151);
        }
    }
}
