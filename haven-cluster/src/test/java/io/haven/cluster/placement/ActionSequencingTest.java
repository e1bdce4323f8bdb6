package io.haven.cluster.placement;

import static io.haven.cluster.state.TestClusters.cluster;
import static io.haven.cluster.state.TestClusters.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.haven.cluster.agent.OcfStatus;
import io.haven.cluster.state.ClusterCommand.LoadConfig;
import io.haven.cluster.state.ClusterCommand.Move;
import io.haven.cluster.state.ClusterCommand.NodeJoined;
import io.haven.cluster.state.ClusterCommand.NodeLeft;
import io.haven.cluster.state.ClusterCommand.SetStandby;
import io.haven.cluster.state.ClusterState;
import io.haven.cluster.state.Score;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The order of actions: a move is a stop, and the start only once the stop is confirmed; nothing
 * starts while its state is unknown somewhere; order constraints start in order and stop in reverse.
 */
class ActionSequencingTest {
    private final Scheduler scheduler = new Scheduler();

    @Test
    void aMoveIsOnlyTheStopUntilTheStateShowsItStopped() {
        ClusterState s = started(cluster().members("a", "b").resources("ip").probed(), "a", "ip");
        s = new Move("ip", "b").apply(s);
        Plan plan = scheduler.plan(s, 0);
        assertThat(plan.nodeOf("ip")).contains("b");
        assertThat(plan.actions()).containsExactly(new Action(ActionType.STOP, "ip", "a", "moving to b"));
        assertThat(plan.pending()).containsExactly(new PendingAction(new Action(ActionType.START, "ip", "b", "moving to b"),
                "stop confirmed on a"));
        ClusterState stopped = io.haven.cluster.state.TestClusters.record(s, "a", "ip",
                io.haven.cluster.state.Operation.STOP, OcfStatus.SUCCESS, 1);
        assertThat(scheduler.plan(stopped, 1).actions()).containsExactly(new Action(ActionType.START, "ip", "b", "placed on b"));
    }

    @Test
    void nothingStartsWhileAnOnlineNodeHasNotBeenProbed() {
        ClusterState s = cluster().members("a", "b").resources("ip").online();
        Plan plan = scheduler.plan(s, 0);
        assertThat(plan.actions()).containsExactly(new Action(ActionType.PROBE, "ip", "a", "state unknown on a"),
                new Action(ActionType.PROBE, "ip", "b", "state unknown on b"));
        assertThat(plan.pending()).extracting(PendingAction::waitingFor).containsExactly("probe result from a, b");
    }

    @Test
    void aProbeThatFindsTheResourceRunningKeepsItThere() {
        Simulator sim = new Simulator(cluster().members("a", "b").resources("ip").online(), 0).worldRuns("ip", "b", true);
        sim.settle();
        assertThat(sim.runs("ip", "b")).isTrue();
        assertThat(sim.rounds()).hasSize(1);
    }

    @Test
    void aResourceFoundOnTwoNodesIsStoppedWhereItDoesNotBelong() {
        Simulator sim = new Simulator(cluster().members("a", "b").resources("ip").location("ip", 10, "b").online(), 0);
        sim.worldRuns("ip", "a", true);
        // b comes back running it too (a partition healed under no-quorum-policy ignore); the invariant
        // check is bypassed by the world, so only observe what the plan does
        sim.settle();
        assertThat(sim.runs("ip", "b")).isTrue();
        assertThat(sim.runs("ip", "a")).isFalse();
        ClusterState both = started(sim.state(), "a", "ip");
        Plan plan = scheduler.plan(both, 0);
        assertThat(plan.actions()).containsExactly(new Action(ActionType.STOP, "ip", "a", "also active on b"));
    }

    @Test
    void aNodeThatReturnsIsProbedBeforeAnythingStartsThere() {
        Simulator sim = new Simulator(cluster().members("a", "b").resources("ip").location("ip", 10, "a").probed(), 0);
        sim.settle();
        sim.apply(new NodeLeft("a")).worldRuns("ip", "a", false).settle();
        assertThat(sim.runs("ip", "b")).isTrue();
        sim.apply(new NodeJoined("a")).settle();
        assertThat(sim.rounds().get(0)).containsExactly(new Action(ActionType.PROBE, "ip", "a", "state unknown on a"));
        assertThat(sim.runs("ip", "a")).isTrue();
        assertThat(sim.runs("ip", "b")).isFalse();
    }

    @Test
    void ordersStartInOrderAndStopInReverse() {
        Simulator sim = new Simulator(cluster().members("a", "b").resources("fip", "web")
                .colocation(Score.INFINITY, "fip", "web").order("web", "fip").probed(), 0);
        sim.settle();
        assertThat(sim.rounds()).containsExactly(
                List.of(new Action(ActionType.START, "web", "a", "placed on a")),
                List.of(new Action(ActionType.START, "fip", "a", "placed on a")));
        sim.apply(new SetStandby("a", true)).settle();
        assertThat(sim.rounds()).containsExactly(
                List.of(new Action(ActionType.STOP, "fip", "a", "moving to b")),
                List.of(new Action(ActionType.STOP, "web", "a", "moving to b")),
                List.of(new Action(ActionType.START, "web", "b", "placed on b")),
                List.of(new Action(ActionType.START, "fip", "b", "placed on b")));
    }

    @Test
    void whenTheFirstResourceRestartsTheThenResourceRestartsAroundIt() {
        Simulator sim = new Simulator(cluster().members("a").resources("web", "fip").order("web", "fip").probed(), 0);
        sim.settle();
        sim.monitor("web", "a", OcfStatus.ERR_GENERIC).settle();
        assertThat(sim.rounds()).containsExactly(
                List.of(new Action(ActionType.STOP, "fip", "a", "restart: 'web' must run first")),
                List.of(new Action(ActionType.STOP, "web", "a", "recovering from a failure")),
                List.of(new Action(ActionType.START, "web", "a", "placed on a")),
                List.of(new Action(ActionType.START, "fip", "a", "placed on a")));
    }

    @Test
    void whenTheFirstResourceCannotRunTheThenResourceStops() {
        Simulator sim = new Simulator(cluster().members("a", "b").resources("web", "fip").order("web", "fip").probed(), 0);
        sim.settle();
        Plan plan = sim.apply(new io.haven.cluster.state.ClusterCommand.SetTargetRole("web",
                io.haven.cluster.state.TargetRole.STOPPED)).settle();
        assertThat(sim.runs("fip", "a")).isFalse();
        assertThat(sim.runs("web", "a")).isFalse();
        assertThat(plan.placement("fip").orElseThrow().reason()).contains("'web' cannot run and must start first");
        assertThat(sim.rounds().get(0)).extracting(Action::resource).containsExactly("fip");
    }

    @Test
    void aResourceRemovedFromTheConfigurationIsStopped() {
        Simulator sim = new Simulator(cluster().members("a").resources("ip", "old").probed(), 0);
        sim.settle();
        assertThat(sim.runs("old", "a")).isTrue();
        Plan plan = sim.apply(new LoadConfig(cluster().members("a").resources("ip").build())).settle();
        assertThat(sim.runs("old", "a")).isFalse();
        assertThat(sim.runs("ip", "a")).isTrue();
        assertThat(plan.placement("old").orElseThrow().reason()).isEqualTo("no longer configured");
    }

    @Test
    void aCrashedActiveNodeFailsOverInOneRoundPerOrderStep() {
        Simulator sim = new Simulator(cluster().members("lb1", "lb2").witness("w").resources("web", "fip")
                .colocation(Score.INFINITY, "fip", "web").order("web", "fip").probed(), 0);
        sim.settle();
        sim.worldRuns("web", "lb1", false).worldRuns("fip", "lb1", false).apply(new NodeLeft("lb1")).settle();
        assertThat(sim.rounds()).containsExactly(
                List.of(new Action(ActionType.START, "web", "lb2", "placed on lb2")),
                List.of(new Action(ActionType.START, "fip", "lb2", "placed on lb2")));
    }
}
