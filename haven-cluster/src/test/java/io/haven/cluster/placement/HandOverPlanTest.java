package io.haven.cluster.placement;

import static io.haven.cluster.state.TestClusters.cluster;
import static io.haven.cluster.state.TestClusters.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.haven.cluster.agent.OcfStatus;
import io.haven.cluster.state.ClusterCommand.HandOver;
import io.haven.cluster.state.ClusterCommand.Move;
import io.haven.cluster.state.ClusterCommand.SetStandby;
import io.haven.cluster.state.ClusterState;
import io.haven.cluster.state.Operation;
import io.haven.cluster.state.Role;
import io.haven.cluster.state.TestClusters;
import org.junit.jupiter.api.Test;

/**
 * A stop that hands a resource over marks the taker as starting it in the same commit: the taker's
 * start is planned there, no third node may start it meanwhile, and a taker that is no longer where
 * the resource belongs is stopped before it starts anywhere else.
 */
class HandOverPlanTest {
    private final Scheduler scheduler = new Scheduler();

    private static ClusterState runningOnA(String... members) {
        return started(cluster().members(members).witness("w").resources("ip").probed(), members[0], "ip");
    }

    @Test
    void theHandOverRecordsTheStopAndMarksTheTakerStarting() {
        ClusterState s = new HandOver("a", "ip", OcfStatus.SUCCESS, 5, "removed", "b").apply(runningOnA("a", "b"));
        assertThat(s.observation("a", "ip")).hasValueSatisfying(o -> {
            assertThat(o.role()).isEqualTo(Role.STOPPED);
            assertThat(o.operation()).isEqualTo(Operation.STOP);
            assertThat(o.at()).isEqualTo(5);
        });
        assertThat(s.observation("b", "ip")).hasValueSatisfying(o -> assertThat(o.role()).isEqualTo(Role.STARTING));
        assertThat(s.clock()).isEqualTo(5);
    }

    @Test
    void theTakerStartsWhatWasHandedToIt() {
        ClusterState s = new SetStandby("a", true).apply(runningOnA("a", "b"));
        s = new HandOver("a", "ip", OcfStatus.SUCCESS, 5, "removed", "b").apply(s);
        Plan plan = scheduler.plan(s, 5);
        assertThat(plan.actions()).containsExactly(new Action(ActionType.START, "ip", "b", "handed over to b"));
    }

    @Test
    void aTakerThatAlreadyReportedItsStartKeepsThatReport() {
        ClusterState s = new SetStandby("a", true).apply(runningOnA("a", "b"));
        s = TestClusters.record(s, "b", "ip", Operation.START, OcfStatus.SUCCESS, 7); // committed before the hand-over
        s = new HandOver("a", "ip", OcfStatus.SUCCESS, 5, "removed", "b").apply(s);
        assertThat(s.observation("b", "ip")).hasValueSatisfying(o -> assertThat(o.role()).isEqualTo(Role.STARTED));
        assertThat(scheduler.plan(s, 7).actions()).isEmpty();
    }

    @Test
    void noOtherNodeStartsWhileTheTakerIsStarting() {
        // c is preferred by the time the hand-over to b commits: b must stop before c may start
        ClusterState s = new Move("ip", "b").apply(runningOnA("a", "b", "c"));
        s = new Move("ip", "c").apply(s);
        s = new HandOver("a", "ip", OcfStatus.SUCCESS, 5, "removed", "b").apply(s);
        Plan plan = scheduler.plan(s, 5);
        assertThat(plan.nodeOf("ip")).contains("c");
        assertThat(plan.actions()).containsExactly(new Action(ActionType.STOP, "ip", "b", "moving to c"));
        assertThat(plan.pending()).containsExactly(new PendingAction(new Action(ActionType.START, "ip", "c", "placed on c"),
                "stop confirmed on b"));
    }

    @Test
    void aHandOverToAnOfflineNodeOrAWitnessOnlyRecordsTheStop() {
        ClusterState offline = new io.haven.cluster.state.ClusterCommand.NodeLeft("b").apply(runningOnA("a", "b"));
        ClusterState s = new HandOver("a", "ip", OcfStatus.SUCCESS, 5, "removed", "b").apply(offline);
        assertThat(s.observation("b", "ip")).isEmpty();
        ClusterState w = new HandOver("a", "ip", OcfStatus.SUCCESS, 5, "removed", "w").apply(runningOnA("a", "b"));
        assertThat(w.observation("w", "ip")).isEmpty();
        assertThat(w.observation("a", "ip")).hasValueSatisfying(o -> assertThat(o.role()).isEqualTo(Role.STOPPED));
    }

    @Test
    void theHandOverRoundTripsThroughTheLogEncoding() {
        var codec = new io.haven.cluster.state.StateCodec();
        HandOver h = new HandOver("a", "ip", OcfStatus.SUCCESS, 5, "removed", "b");
        assertThat(codec.decodeCommand(codec.encode(h))).isEqualTo(h);
    }
}
