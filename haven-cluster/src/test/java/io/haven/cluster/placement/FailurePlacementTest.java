package io.haven.cluster.placement;

import static io.haven.cluster.state.TestClusters.cluster;
import static io.haven.cluster.state.TestClusters.rsc;
import static org.assertj.core.api.Assertions.assertThat;

import io.haven.cluster.agent.OcfStatus;
import io.haven.cluster.state.ClusterCommand.Cleanup;
import io.haven.cluster.state.Role;
import io.haven.cluster.state.Score;
import io.haven.cluster.state.TestClusters.Rsc;
import io.haven.config.model.OnFail;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Failures: restart in place, migration-threshold, failure-timeout, cleanup, on-fail move and block, failed stops. */
class FailurePlacementTest {

    private static Simulator running(Rsc r) {
        Simulator sim = new Simulator(cluster().members("a", "b").resource(r).probed(), 0);
        sim.settle();
        assertThat(sim.runs("ip", "a")).isTrue();
        return sim;
    }

    @Test
    void aMonitorFailureBelowTheThresholdRestartsInPlaceStopFirst() {
        Simulator sim = running(rsc("ip").threshold(3));
        sim.monitor("ip", "a", OcfStatus.ERR_GENERIC).settle();
        assertThat(sim.rounds()).containsExactly(
                List.of(new Action(ActionType.STOP, "ip", "a", "recovering from a failure")),
                List.of(new Action(ActionType.START, "ip", "a", "placed on a")));
        assertThat(sim.runs("ip", "a")).isTrue();
        assertThat(sim.state().failCount("ip", "a").orElseThrow().count()).isEqualTo(1);
    }

    @Test
    void aFailedResourceIsRecoveredWhereItRanNotOnTheFirstNode() {
        Simulator sim = running(rsc("ip").threshold(3));
        sim.apply(new io.haven.cluster.state.ClusterCommand.Move("ip", "b")).settle();
        sim.apply(new io.haven.cluster.state.ClusterCommand.Clear("ip", null)).settle();
        assertThat(sim.runs("ip", "b")).as("without stickiness, a tie keeps it where it runs").isTrue();
        sim.worldRuns("ip", "b", false).monitor("ip", "b", OcfStatus.NOT_RUNNING).settle();
        assertThat(sim.runs("ip", "b")).as("failed on b is still active on b: recovered in place").isTrue();
        assertThat(sim.runs("ip", "a")).isFalse();
    }

    @Test
    void reachingTheMigrationThresholdBansTheNodeAndTheResourceMoves() {
        Simulator sim = running(rsc("ip").threshold(2));
        sim.monitor("ip", "a", OcfStatus.ERR_GENERIC).settle();
        assertThat(sim.runs("ip", "a")).isTrue();
        Plan plan = sim.monitor("ip", "a", OcfStatus.ERR_GENERIC).settle();
        assertThat(sim.runs("ip", "b")).isTrue();
        assertThat(plan.placement("ip").orElseThrow().scores()).containsEntry("a", -Score.INFINITY);
    }

    @Test
    void aZeroThresholdNeverBans() {
        Simulator sim = running(rsc("ip").threshold(0));
        for (int i = 0; i < 5; i++) {
            sim.monitor("ip", "a", OcfStatus.ERR_GENERIC).settle();
        }
        assertThat(sim.runs("ip", "a")).isTrue();
        assertThat(sim.state().failCount("ip", "a").orElseThrow().count()).isEqualTo(5);
    }

    @Test
    void onFailMoveLeavesAtTheFirstFailure() {
        Simulator sim = running(rsc("ip").onFail(OnFail.MOVE));
        sim.worldRuns("ip", "a", false).monitor("ip", "a", OcfStatus.NOT_RUNNING).settle();
        // the monitor said "not running": cleanly stopped, so no stop is needed before the start elsewhere
        assertThat(sim.rounds()).containsExactly(List.of(new Action(ActionType.START, "ip", "b", "placed on b")));
    }

    @Test
    void aFailedStartBansTheNodeAtOnceEvenWithAnInfiniteThreshold() {
        Simulator sim = new Simulator(cluster().members("a", "b").resources("ip").probed(), 0);
        sim.failNext(ActionType.START, "ip", "a", OcfStatus.ERR_GENERIC).settle();
        assertThat(sim.runs("ip", "b")).isTrue();
        assertThat(sim.rounds()).containsExactly(
                List.of(new Action(ActionType.START, "ip", "a", "placed on a")),
                List.of(new Action(ActionType.STOP, "ip", "a", "moving to b")),
                List.of(new Action(ActionType.START, "ip", "b", "placed on b")));
    }

    @Test
    void theBanEndsWhenTheFailureTimeoutExpiresAndThePlanSaysWhenToLookAgain() {
        Simulator sim = new Simulator(cluster().members("a", "b").resource(rsc("ip").threshold(1).failureTimeout(60_000))
                .location("ip", 10, "a").probed(), 1_000);
        sim.settle();
        sim.at(2_000).worldRuns("ip", "a", false).monitor("ip", "a", OcfStatus.NOT_RUNNING);
        Plan moved = sim.settle();
        assertThat(sim.runs("ip", "b")).isTrue();
        assertThat(moved.recheck()).contains(62_000L);
        Plan early = sim.at(61_999).plan();
        assertThat(early.nodeOf("ip")).contains("b");
        sim.at(62_000).settle();
        assertThat(sim.runs("ip", "a")).isTrue();
    }

    @Test
    void cleanupLiftsTheBan() {
        Simulator sim = new Simulator(cluster().members("a", "b").resource(rsc("ip").threshold(1)).location("ip", 10, "a")
                .probed(), 0);
        sim.settle();
        sim.worldRuns("ip", "a", false).monitor("ip", "a", OcfStatus.NOT_RUNNING).settle();
        assertThat(sim.runs("ip", "b")).isTrue();
        assertThat(sim.plan().recheck()).isEmpty();
        sim.apply(new Cleanup("ip", null)).settle();
        assertThat(sim.runs("ip", "a")).isTrue();
        assertThat(sim.rounds().get(0)).extracting(Action::type).containsOnly(ActionType.PROBE);
    }

    @Test
    void onFailBlockLeavesTheFailedResourceAloneUntilCleanup() {
        Simulator sim = running(rsc("ip").onFail(OnFail.BLOCK));
        Plan plan = sim.monitor("ip", "a", OcfStatus.ERR_GENERIC).settle();
        assertThat(sim.rounds()).isEmpty();
        assertThat(plan.placement("ip").orElseThrow().managed()).isFalse();
        assertThat(plan.placement("ip").orElseThrow().reason()).contains("on-fail block");
        assertThat(plan.nodeOf("ip")).contains("a");
        sim.apply(new Cleanup("ip", "a")).settle();
        assertThat(sim.runs("ip", "a")).isTrue();
        assertThat(sim.state().observation("a", "ip").orElseThrow().role()).isEqualTo(Role.STARTED);
    }

    @Test
    void aFailedStopNeverLetsTheResourceStartElsewhere() {
        Simulator sim = running(rsc("ip").failureTimeout(60_000));
        sim.failNext(ActionType.STOP, "ip", "a", OcfStatus.TIMEOUT).monitor("ip", "a", OcfStatus.ERR_GENERIC).settle();
        assertThat(sim.rounds()).containsExactly(List.of(new Action(ActionType.STOP, "ip", "a", "recovering from a failure")));
        Plan blocked = sim.plan();
        assertThat(blocked.placement("ip").orElseThrow().reason()).contains("stop failed on a");
        assertThat(blocked.actions()).isEmpty();
        assertThat(sim.runs("ip", "b")).isFalse();
        // after failure-timeout the stop is tried again (Pacemaker without fencing), then the start elsewhere
        sim.at(sim.state().failCount("ip", "a").orElseThrow().lastFailureAt() + 60_000).settle();
        assertThat(sim.rounds().get(0)).containsExactly(new Action(ActionType.STOP, "ip", "a", "recovering from a failure"));
        assertThat(sim.runs("ip", "a")).isTrue();
    }

    @Test
    void failuresOnOneNodeDoNotBanAnother() {
        Simulator sim = new Simulator(cluster().members("a", "b").resources("ip").probed(), 0);
        sim.failNext(ActionType.START, "ip", "a", OcfStatus.ERR_GENERIC).settle();
        Plan plan = sim.plan();
        assertThat(plan.placement("ip").orElseThrow().scores()).containsEntry("a", -Score.INFINITY).containsEntry("b", 0);
    }
}
