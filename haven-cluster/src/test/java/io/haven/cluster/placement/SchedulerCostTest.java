package io.haven.cluster.placement;

import static io.haven.cluster.state.TestClusters.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import io.haven.cluster.state.ClusterState;
import io.haven.cluster.state.Score;
import io.haven.cluster.state.TestClusters;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * A larger cluster (5 members, 100 resources in colocated, ordered pairs) is fully placed, with
 * every pair together; how long one plan takes is printed, not asserted.
 */
class SchedulerCostTest {

    @Test
    void aHundredResourcesArePlacedInPairsAndThePlanTimeIsPrinted() {
        TestClusters.Def def = cluster().members("n1", "n2", "n3", "n4", "n5");
        for (int i = 0; i < 50; i++) {
            def.resources("app" + i, "ip" + i).colocation(Score.INFINITY, "ip" + i, "app" + i).order("app" + i, "ip" + i)
                    .location("app" + i, 10, "n" + (1 + i % 5));
        }
        ClusterState s = def.probed();
        Simulator sim = new Simulator(s, 0);
        Plan plan = sim.settle();
        for (int i = 0; i < 50; i++) {
            assertThat(plan.nodeOf("app" + i)).contains("n" + (1 + i % 5));
            assertThat(sim.runs("ip" + i, "n" + (1 + i % 5))).isTrue();
        }
        Scheduler scheduler = new Scheduler();
        ClusterState settled = sim.state();
        long[] nanos = new long[200];
        for (int i = 0; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            scheduler.plan(settled, 0);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        System.out.printf("plan of 5 nodes x 100 resources: median %.2f ms, p90 %.2f ms (%d runs)%n",
                nanos[nanos.length / 2] / 1e6, nanos[nanos.length * 9 / 10] / 1e6, nanos.length);
    }
}
