package io.haven.cluster.placement;

import static io.haven.cluster.state.TestClusters.cluster;
import static io.haven.cluster.state.TestClusters.rsc;
import static org.assertj.core.api.Assertions.assertThat;

import io.haven.cluster.state.ClusterCommand.Move;
import io.haven.cluster.state.ClusterCommand.NodeLeft;
import io.haven.cluster.state.ClusterCommand.SetStandby;
import io.haven.cluster.state.ClusterCommand.SetTargetRole;
import io.haven.cluster.state.ClusterCommand.Clear;
import io.haven.cluster.state.ClusterState;
import io.haven.cluster.state.Score;
import io.haven.cluster.state.TargetRole;
import org.junit.jupiter.api.Test;

/** Where one resource goes: highest non-negative score, Pacemaker's arithmetic, deterministic ties. */
class PlacementScoresTest {
    private final Scheduler scheduler = new Scheduler();

    @Test
    void withEqualScoresTheFirstNodeInConfigurationOrderWins() {
        assertThat(scheduler.plan(cluster().members("b", "a").resources("ip").probed(), 0).nodeOf("ip")).contains("b");
        assertThat(scheduler.plan(cluster().members("a", "b").resources("ip").probed(), 0).nodeOf("ip")).contains("a");
    }

    @Test
    void aLocationPreferenceWinsAndShowsInTheScores() {
        Plan plan = scheduler.plan(cluster().members("a", "b").resources("ip").location("ip", 50, "b").probed(), 0);
        assertThat(plan.nodeOf("ip")).contains("b");
        assertThat(plan.placement("ip").orElseThrow().scores()).containsEntry("a", 0).containsEntry("b", 50);
        assertThat(plan.actions()).containsExactly(new Action(ActionType.START, "ip", "b", "placed on b"));
    }

    @Test
    void aNegativeScoreMeansCannotRunThere() {
        ClusterState s = cluster().members("a", "b").resources("ip").location("ip", -10, "a").location("ip", -5, "b").probed();
        Plan plan = scheduler.plan(s, 0);
        assertThat(plan.placement("ip").orElseThrow().node()).isNull();
        assertThat(plan.placement("ip").orElseThrow().reason()).isEqualTo("no node can run it");
        assertThat(plan.actions()).isEmpty();
    }

    @Test
    void infinityMinusInfinityIsABan() {
        ClusterState s = cluster().members("a", "b").resources("ip").location("ip", Score.INFINITY, "a")
                .probed();
        s = new Move("ip", null).apply(new io.haven.cluster.state.ClusterCommand.RecordOperation("a", "ip",
                io.haven.cluster.state.Operation.START, io.haven.cluster.agent.OcfStatus.SUCCESS, 0, "").apply(s));
        Plan plan = scheduler.plan(s, 0);
        assertThat(plan.placement("ip").orElseThrow().scores()).containsEntry("a", -Score.INFINITY);
        assertThat(plan.nodeOf("ip")).contains("b");
    }

    @Test
    void offlineStandbyAndWitnessNodesAreNotEligible() {
        ClusterState s = cluster().witness("w").members("a", "b", "c").resources("ip").probed();
        s = new NodeLeft("a").apply(s);
        s = new SetStandby("b", true).apply(s);
        Plan plan = scheduler.plan(s, 0);
        assertThat(plan.nodeOf("ip")).contains("c");
        assertThat(plan.placement("ip").orElseThrow().scores()).containsEntry("w", -Score.INFINITY)
                .containsEntry("a", -Score.INFINITY).containsEntry("b", -Score.INFINITY).containsEntry("c", 0);
        s = new SetStandby("c", true).apply(s);
        assertThat(scheduler.plan(s, 0).placement("ip").orElseThrow().node()).isNull();
    }

    @Test
    void aWitnessIsNeverProbed() {
        Plan plan = scheduler.plan(cluster().members("a").witness("w").resources("ip").online(), 0);
        assertThat(plan.actions()).containsExactly(new Action(ActionType.PROBE, "ip", "a", "state unknown on a"));
    }

    @Test
    void stickinessKeepsAResourceWhereItRunsAgainstAWeakerPreference() {
        Simulator sim = new Simulator(cluster().members("a", "b").resource(rsc("ip").stickiness(100))
                .location("ip", 50, "a").probed(), 0);
        sim.apply(new SetStandby("a", true)).settle();
        assertThat(sim.runs("ip", "b")).isTrue();
        Plan back = sim.apply(new SetStandby("a", false)).settle();
        assertThat(back.nodeOf("ip")).contains("b");
        assertThat(back.placement("ip").orElseThrow().scores()).containsEntry("a", 50).containsEntry("b", 100);
        assertThat(sim.rounds()).isEmpty();
    }

    @Test
    void withoutStickinessAResourceFailsBackToItsPreferredNode() {
        Simulator sim = new Simulator(cluster().members("a", "b").resources("ip").location("ip", 50, "a").probed(), 0);
        sim.apply(new SetStandby("a", true)).settle();
        assertThat(sim.runs("ip", "b")).isTrue();
        sim.apply(new SetStandby("a", false)).settle();
        assertThat(sim.runs("ip", "a")).isTrue();
        assertThat(sim.rounds()).containsExactly(
                java.util.List.of(new Action(ActionType.STOP, "ip", "b", "moving to a")),
                java.util.List.of(new Action(ActionType.START, "ip", "a", "placed on a")));
    }

    @Test
    void aTieKeepsTheResourceOnItsCurrentNode() {
        Simulator sim = new Simulator(cluster().members("a", "b").resources("ip").probed(), 0);
        sim.apply(new Move("ip", "b")).settle();
        assertThat(sim.runs("ip", "b")).isTrue();
        Plan plan = sim.apply(new Clear("ip", null)).settle();
        assertThat(plan.nodeOf("ip")).contains("b");
        assertThat(sim.rounds()).isEmpty();
    }

    @Test
    void aStoppedTargetRoleStopsTheResourceAndStartedBringsItBack() {
        Simulator sim = new Simulator(cluster().members("a").resources("ip").probed(), 0);
        sim.settle();
        Plan stopped = sim.apply(new SetTargetRole("ip", TargetRole.STOPPED)).settle();
        assertThat(sim.runs("ip", "a")).isFalse();
        assertThat(stopped.placement("ip").orElseThrow().reason()).isEqualTo("target role is stopped");
        sim.apply(new SetTargetRole("ip", TargetRole.STARTED)).settle();
        assertThat(sim.runs("ip", "a")).isTrue();
    }

    @Test
    void aDisabledResourceIsNotStarted() {
        Plan plan = scheduler.plan(cluster().members("a").resource(rsc("ip").disabled()).probed(), 0);
        assertThat(plan.nodeOf("ip")).isEmpty();
        assertThat(plan.actions()).isEmpty();
    }

    @Test
    void theSameStateAndTimeAlwaysGiveTheSamePlan() {
        ClusterState s = cluster().members("a", "b", "c").resources("ip", "web", "db").colocation(Score.INFINITY, "ip", "web")
                .order("web", "ip").location("db", 10, "c").online();
        assertThat(scheduler.plan(s, 5)).isEqualTo(new Scheduler().plan(s, 5));
    }
}
