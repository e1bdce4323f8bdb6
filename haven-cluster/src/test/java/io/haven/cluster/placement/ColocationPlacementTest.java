package io.haven.cluster.placement;

import static io.haven.cluster.state.TestClusters.cluster;
import static io.haven.cluster.state.TestClusters.rsc;
import static org.assertj.core.api.Assertions.assertThat;

import io.haven.cluster.agent.OcfStatus;
import io.haven.cluster.state.ClusterCommand.SetStandby;
import io.haven.cluster.state.ClusterCommand.SetTargetRole;
import io.haven.cluster.state.ClusterState;
import io.haven.cluster.state.Score;
import io.haven.cluster.state.TargetRole;
import io.haven.config.model.OnFail;
import org.junit.jupiter.api.Test;

/** Colocation as Pacemaker documents it: mandatory with INFINITY, forbidden with -INFINITY, advisory otherwise. */
class ColocationPlacementTest {
    private final Scheduler scheduler = new Scheduler();

    @Test
    void infinityPlacesTheResourceWithTheOtherOne() {
        Plan plan = scheduler.plan(cluster().members("a", "b").resources("ip", "web").colocation(Score.INFINITY, "ip", "web")
                .location("web", 10, "b").probed(), 0);
        assertThat(plan.nodeOf("web")).contains("b");
        assertThat(plan.nodeOf("ip")).contains("b");
    }

    @Test
    void minusInfinityKeepsThemApart() {
        Plan plan = scheduler.plan(cluster().members("a", "b").resources("one", "two").colocation(-Score.INFINITY, "two", "one")
                .probed(), 0);
        assertThat(plan.nodeOf("one")).contains("a");
        assertThat(plan.nodeOf("two")).contains("b");
    }

    @Test
    void minusInfinityWithOnlyOneNodeLeavesTheDependentNowhere() {
        ClusterState s = cluster().members("a", "b").resources("one", "two").colocation(-Score.INFINITY, "two", "one").probed();
        Plan plan = scheduler.plan(new SetStandby("b", true).apply(s), 0);
        assertThat(plan.nodeOf("one")).contains("a");
        assertThat(plan.placement("two").orElseThrow().node()).isNull();
    }

    @Test
    void aFiniteColocationIsAPreferenceThatAStrongerLocationOverrides() {
        ClusterState weak = cluster().members("a", "b").resources("web", "ip").colocation(100, "ip", "web")
                .location("web", 10, "a").location("ip", 50, "b").probed();
        assertThat(scheduler.plan(weak, 0).nodeOf("ip")).contains("a");
        ClusterState strong = cluster().members("a", "b").resources("web", "ip").colocation(100, "ip", "web")
                .location("web", 10, "a").location("ip", 500, "b").probed();
        assertThat(scheduler.plan(strong, 0).nodeOf("ip")).contains("b");
    }

    @Test
    void whenTheOtherResourceCannotRunTheDependentCannotEither() {
        ClusterState s = cluster().members("a", "b").resources("web", "ip").colocation(Score.INFINITY, "ip", "web").probed();
        Plan plan = scheduler.plan(new SetTargetRole("web", TargetRole.STOPPED).apply(s), 0);
        assertThat(plan.placement("ip").orElseThrow().node()).isNull();
        assertThat(plan.placement("ip").orElseThrow().reason()).contains("'web' cannot run");
    }

    @Test
    void theDependentsPreferenceMovesTheResourceItFollows() {
        // Pacemaker adds the dependent's scores to the primary's: the IP's preference for b takes the proxy there too
        Plan plan = scheduler.plan(cluster().members("a", "b").resources("web", "ip").colocation(Score.INFINITY, "ip", "web")
                .location("ip", 50, "b").probed(), 0);
        assertThat(plan.nodeOf("web")).contains("b");
        assertThat(plan.nodeOf("ip")).contains("b");
    }

    @Test
    void aDependentBannedByFailuresTakesTheResourceItFollowsAway() {
        Simulator sim = new Simulator(cluster().members("a", "b").resources("web")
                .resource(rsc("ip").onFail(OnFail.MOVE)).colocation(Score.INFINITY, "ip", "web").probed(), 0);
        sim.settle();
        assertThat(sim.runs("web", "a")).isTrue();
        assertThat(sim.runs("ip", "a")).isTrue();
        sim.worldRuns("ip", "a", false).monitor("ip", "a", OcfStatus.NOT_RUNNING).settle();
        assertThat(sim.runs("web", "b")).isTrue();
        assertThat(sim.runs("ip", "b")).isTrue();
        assertThat(sim.runs("web", "a")).isFalse();
    }

    @Test
    void aDependentThatCanRunNowhereDoesNotStopTheResourceItFollows() {
        Plan plan = scheduler.plan(cluster().members("a", "b").resources("web", "ip").colocation(Score.INFINITY, "ip", "web")
                .location("ip", -Score.INFINITY, "a").location("ip", -Score.INFINITY, "b").probed(), 0);
        assertThat(plan.nodeOf("web")).contains("a");
        assertThat(plan.placement("ip").orElseThrow().node()).isNull();
    }
}
