package io.haven.cluster.placement;

import static io.haven.cluster.state.TestClusters.cluster;
import static io.haven.cluster.state.TestClusters.rsc;
import static org.assertj.core.api.Assertions.assertThat;

import io.haven.cluster.agent.OcfStatus;
import io.haven.cluster.state.ClusterCommand;
import io.haven.cluster.state.NodeState;
import io.haven.cluster.state.Score;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Random sequences of node losses, returns, standby, resource failures, moves and cleanups, each
 * settled by the {@link Simulator}: no resource ever runs on two nodes, no round mixes a start with a
 * stop of the same resource, and once every node is back and clean, every resource runs exactly
 * once, with its colocated partner. Seeds are fixed, so a failure replays.
 */
class RandomEventSafetyTest {
    private static final List<String> MEMBERS = List.of("lb1", "lb2", "lb3");
    private static final List<String> RESOURCES = List.of("web", "fip", "db");

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597})
    void randomEventsNeverRunAResourceTwiceAndEndPlacedOnce(long seed) {
        Random random = new Random(seed);
        Simulator sim = new Simulator(cluster().members("lb1", "lb2", "lb3").witness("w")
                .resource(rsc("web").stickiness(random.nextInt(200)).threshold(2).failureTimeout(30_000))
                .resource(rsc("fip").threshold(1 + random.nextInt(3)))
                .resource(rsc("db").stickiness(50))
                .colocation(Score.INFINITY, "fip", "web").order("web", "fip").location("db", 20, "lb3")
                .location("web", 10, "lb1").online(), 0);
        sim.settle();
        long now = 0;
        for (int step = 0; step < 25; step++) {
            now += random.nextInt(20_000);
            sim.at(now);
            String node = MEMBERS.get(random.nextInt(MEMBERS.size()));
            String resource = RESOURCES.get(random.nextInt(RESOURCES.size()));
            boolean online = sim.state().node(node).map(NodeState::online).orElseThrow();
            switch (random.nextInt(7)) {
                case 0 -> {
                    // the node loses quorum and stops what it runs, or crashes: either way nothing runs there
                    RESOURCES.forEach(r -> sim.worldRuns(r, node, false));
                    sim.apply(new ClusterCommand.NodeLeft(node));
                }
                case 1 -> sim.apply(new ClusterCommand.NodeJoined(node));
                case 2 -> sim.apply(new ClusterCommand.SetStandby(node, random.nextBoolean()));
                case 3 -> {
                    if (online && sim.runs(resource, node)) {
                        boolean clean = random.nextBoolean();
                        sim.worldRuns(resource, node, !clean);
                        sim.monitor(resource, node, clean ? OcfStatus.NOT_RUNNING : OcfStatus.ERR_GENERIC);
                    }
                }
                case 4 -> sim.apply(new ClusterCommand.Move(resource, random.nextBoolean() ? node : null));
                case 5 -> sim.apply(new ClusterCommand.Clear(resource, null));
                default -> sim.apply(new ClusterCommand.Cleanup(resource, null));
            }
            sim.settle();
        }
        for (String n : MEMBERS) {
            sim.apply(new ClusterCommand.NodeJoined(n), new ClusterCommand.SetStandby(n, false));
        }
        RESOURCES.forEach(r -> sim.apply(new ClusterCommand.Clear(r, null)));
        Plan end = sim.apply(new ClusterCommand.Cleanup(null, null)).settle();
        for (String r : RESOURCES) {
            assertThat(MEMBERS.stream().filter(n -> sim.runs(r, n)).count()).as("%s runs once (seed %d)", r, seed)
                    .isEqualTo(1);
        }
        assertThat(end.nodeOf("fip")).isEqualTo(end.nodeOf("web"));
        assertThat(sim.runs("fip", end.nodeOf("fip").orElseThrow())).isTrue();
        assertThat(end.pending()).isEmpty();
    }
}
