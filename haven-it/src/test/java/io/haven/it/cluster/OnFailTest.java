package io.haven.it.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.HavenProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a failed monitor leads to, end to end, as Pacemaker's {@code on-fail} and
 * {@code migration-threshold} say: the job's process is killed under its Haven and the monitor
 * finds it gone.
 */
class OnFailTest {
    @TempDir
    Path dir;

    @Test
    void onFailMoveFailsOverAtTheFirstFailure() throws Exception {
        try (LoopbackCluster c = cluster("    on-fail move")) {
            String first = c.awaitJobOnOneNode();
            c.killJob(first);
            String next = c.awaitJobOnOneNode(n -> !n.equals(first));
            await("runs on " + next).atMost(LoopbackCluster.CHANGE).until(() -> c.runsSleep(next));
            assertThat(c.failCount(first)).isEqualTo(1);
            assertThat(c.runsSleep(first)).isFalse();
        }
    }

    @Test
    void onFailBlockLeavesItAloneUntilCleanup() throws Exception {
        try (LoopbackCluster c = cluster("    on-fail block")) {
            String first = c.awaitJobOnOneNode();
            c.killJob(first);
            await("the failure is recorded").atMost(LoopbackCluster.CHANGE).ignoreExceptions()
                    .until(() -> c.failCount(first) == 1);
            await("not restarted anywhere").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> LoopbackCluster.NAMES.stream().noneMatch(c::runsSleep));
            HavenProcess.Result r = HavenProcess.run(dir, "cluster", "cleanup", "-S", c.socket(first).toString(), "job");
            assertThat(r.exitCode()).as(r.stderr()).isZero();
            String where = c.awaitJobOnOneNode();
            await("runs again after cleanup").atMost(LoopbackCluster.CHANGE).until(() -> c.runsSleep(where));
        }
    }

    @Test
    void migrationThresholdMovesItAfterThatManyFailures() throws Exception {
        try (LoopbackCluster c = cluster("    migration-threshold 2")) {
            String first = c.awaitJobOnOneNode();
            c.killJob(first);
            await("restarted in place after the first failure").atMost(LoopbackCluster.CHANGE).ignoreExceptions()
                    .until(() -> c.failCount(first) == 1 && c.runsSleep(first));
            assertThat(c.awaitJobOnOneNode()).isEqualTo(first);
            c.killJob(first);
            String next = c.awaitJobOnOneNode(n -> !n.equals(first));
            await("runs on " + next).atMost(LoopbackCluster.CHANGE).until(() -> c.runsSleep(next));
            assertThat(c.failCount(first)).isEqualTo(2);
        }
    }

    /** Three nodes whose job has {@code jobLines} in its resource section. */
    private LoopbackCluster cluster(String jobLines) throws Exception {
        LoopbackCluster c = new LoopbackCluster(dir, "", jobLines, n -> Map.of());
        try {
            c.startAll();
        } catch (Exception | AssertionError e) {
            c.close();
            throw e;
        }
        return c;
    }
}
