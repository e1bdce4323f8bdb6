package io.haven.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pacemaker's {@code no-quorum-policy}, end to end: three nodes, the job on one of them, the two
 * others killed. The survivor has lost quorum; with {@code stop} it stops the job, with
 * {@code freeze} and {@code ignore} it keeps it running.
 */
class NoQuorumPolicyTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"stop", "freeze", "ignore"})
    void theSurvivorWithoutQuorumActsAsThePolicySays(String policy) throws Exception {
        try (LoopbackCluster c = new LoopbackCluster(Files.createDirectories(dir.resolve(policy)),
                "    no-quorum-policy " + policy, "", n -> Map.of())) {
            c.startAll();
            String survivor = c.awaitJobOnOneNode();
            assertThat(c.runsSleep(survivor)).isTrue();
            for (String n : LoopbackCluster.NAMES) {
                if (!n.equals(survivor)) {
                    c.kill(n);
                }
            }
            await("the survivor lost quorum").atMost(LoopbackCluster.CHANGE).ignoreExceptions()
                    .until(() -> !c.status(survivor).get("quorum").asBoolean());
            if (policy.equals("stop")) {
                await("the job stopped").atMost(LoopbackCluster.CHANGE).until(() -> !c.runsSleep(survivor));
            } else {
                await("the job kept running").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                        .until(() -> c.runsSleep(survivor));
            }
        }
    }
}
