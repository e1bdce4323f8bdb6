package io.haven.cluster.placement;

import static io.haven.cluster.state.TestClusters.cluster;
import static org.assertj.core.api.Assertions.assertThat;

import io.haven.cluster.agent.OcfStatus;
import io.haven.cluster.state.ClusterCommand.Move;
import io.haven.cluster.state.ClusterCommand.NodeJoined;
import io.haven.cluster.state.ClusterCommand.NodeLeft;
import io.haven.cluster.state.ClusterCommand.SetMaintenance;
import io.haven.cluster.state.ClusterCommand.SetNodeMaintenance;
import org.junit.jupiter.api.Test;

/** Maintenance: cluster-wide, nothing happens; on a node, what runs there is left alone and nothing new goes there. */
class MaintenancePlacementTest {

    @Test
    void clusterMaintenancePlansNoActionAtAll() {
        Simulator sim = new Simulator(cluster().members("a", "b").resources("ip").probed(), 0);
        sim.settle();
        Plan plan = sim.apply(new SetMaintenance(true), new Move("ip", "b"))
                .monitor("ip", "a", OcfStatus.ERR_GENERIC).apply(new NodeLeft("b"), new NodeJoined("b")).plan();
        assertThat(plan.actions()).isEmpty();
        assertThat(plan.pending()).isEmpty();
        assertThat(plan.placement("ip").orElseThrow().managed()).isFalse();
        assertThat(plan.placement("ip").orElseThrow().reason()).isEqualTo("cluster is in maintenance mode");
        sim.apply(new SetMaintenance(false)).worldRuns("ip", "a", false).settle();
        assertThat(sim.runs("ip", "b")).isTrue();
    }

    @Test
    void aResourceOnANodeInMaintenanceIsLeftAloneEvenWhenItFails() {
        Simulator sim = new Simulator(cluster().members("a", "b").resources("ip", "web").location("web", 10, "b").probed(), 0);
        sim.settle();
        Plan plan = sim.apply(new SetNodeMaintenance("a", true)).monitor("ip", "a", OcfStatus.ERR_GENERIC).plan();
        assertThat(plan.actions()).isEmpty();
        assertThat(plan.placement("ip").orElseThrow().reason()).contains("in maintenance");
        assertThat(plan.nodeOf("ip")).contains("a");
        assertThat(plan.nodeOf("web")).contains("b");
    }

    @Test
    void nothingNewIsPlacedOrProbedOnANodeInMaintenance() {
        Simulator sim = new Simulator(cluster().members("a", "b").resources("ip").location("ip", 10, "a").online(), 0);
        sim.apply(new SetNodeMaintenance("a", true)).settle();
        assertThat(sim.runs("ip", "b")).isTrue();
        assertThat(sim.rounds()).allSatisfy(round -> assertThat(round).noneMatch(a -> a.node().equals("a")));
        sim.apply(new SetNodeMaintenance("a", false)).settle();
        assertThat(sim.runs("ip", "a")).isTrue();
    }
}
