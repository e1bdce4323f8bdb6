package io.haven.cluster.state;

import static io.haven.cluster.state.TestClusters.cluster;
import static io.haven.cluster.state.TestClusters.record;
import static io.haven.cluster.state.TestClusters.rsc;
import static io.haven.cluster.state.TestClusters.started;
import static org.assertj.core.api.Assertions.assertThat;

import io.haven.cluster.agent.OcfStatus;
import io.haven.cluster.state.ClusterCommand.Cleanup;
import io.haven.cluster.state.ClusterCommand.Clear;
import io.haven.cluster.state.ClusterCommand.LoadConfig;
import io.haven.cluster.state.ClusterCommand.Move;
import io.haven.cluster.state.ClusterCommand.NodeJoined;
import io.haven.cluster.state.ClusterCommand.NodeLeft;
import io.haven.cluster.state.ClusterCommand.SetMaintenance;
import io.haven.cluster.state.ClusterCommand.SetNodeMaintenance;
import io.haven.cluster.state.ClusterCommand.SetStandby;
import io.haven.cluster.state.ClusterCommand.SetTargetRole;
import io.haven.config.ConfigParser;
import io.haven.config.model.OnFail;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each command changes exactly what Pacemaker's equivalent changes, purely. */
class ClusterCommandTest {
    private final ClusterState base = cluster().members("a", "b").witness("w").resources("ip", "web").probed();

    @Test
    void loadConfigKeepsNodeAttributesAndDropsWhatNoLongerExists() {
        ClusterState s = TestClusters.apply(base, new SetStandby("b", true), new Move("ip", "b"),
                new SetTargetRole("web", TargetRole.STOPPED));
        s = started(s, "a", "web");
        s = record(s, "a", "ip", Operation.START, OcfStatus.ERR_GENERIC, 5);
        ClusterDefinition smaller = cluster().members("a", "b", "c").resources("ip").build();
        ClusterState next = new LoadConfig(smaller).apply(s);

        assertThat(next.revision()).isEqualTo(s.revision() + 1);
        assertThat(next.nodes()).containsExactly(new NodeState("a", false, true, false, false),
                new NodeState("b", false, true, true, false), new NodeState("c", false, false, false, false));
        assertThat(next.targetRoles()).isEmpty();
        assertThat(next.operatorLocations()).containsExactly(new Location("cli-prefer-ip", "ip", Score.INFINITY, "b"));
        assertThat(next.failCount("ip", "a")).isPresent();
        assertThat(next.observed().get("w")).isNull();
        // web is gone from the configuration but still runs on a: kept, so the scheduler stops it
        assertThat(next.observation("a", "web").orElseThrow().role()).isEqualTo(Role.STARTED);
    }

    @Test
    void aNodeThatLeavesIsOfflineAndForgetsWhatRanThere() {
        ClusterState s = started(base, "a", "ip");
        s = new NodeLeft("a").apply(s);
        assertThat(s.node("a").orElseThrow().online()).isFalse();
        assertThat(s.observation("a", "ip")).isEmpty();
        // reports from a node held offline are ignored
        s = started(s, "a", "ip");
        assertThat(s.observation("a", "ip")).isEmpty();
    }

    @Test
    void aNodeComingBackIsUnknownUntilProbedButARepeatedJoinChangesNothing() {
        ClusterState s = started(base, "a", "ip");
        ClusterState again = new NodeJoined("a").apply(s);
        assertThat(again.observation("a", "ip")).isPresent();
        ClusterState back = TestClusters.apply(s, new NodeLeft("a"), new NodeJoined("a"));
        assertThat(back.node("a").orElseThrow().online()).isTrue();
        assertThat(back.observed().get("a")).isNull();
    }

    @Test
    void standbyAndMaintenanceAreNodeAttributesAndMaintenanceModeIsClusterWide() {
        ClusterState s = TestClusters.apply(base, new SetStandby("a", true), new SetNodeMaintenance("b", true),
                new SetMaintenance(true));
        assertThat(s.node("a").orElseThrow().standby()).isTrue();
        assertThat(s.node("b").orElseThrow().maintenance()).isTrue();
        assertThat(s.maintenance()).isTrue();
        s = TestClusters.apply(s, new SetStandby("a", false), new SetMaintenance(false));
        assertThat(s.node("a").orElseThrow().standby()).isFalse();
        assertThat(s.maintenance()).isFalse();
    }

    @Test
    void moveToANodePrefersItWithInfinityAndLiftsABanThere() {
        ClusterState s = started(base, "a", "ip");
        s = new Move("ip", null).apply(s);
        assertThat(s.operatorLocations()).containsExactly(new Location("cli-ban-ip-on-a", "ip", -Score.INFINITY, "a"));
        s = new Move("ip", "a").apply(s);
        assertThat(s.operatorLocations()).containsExactly(new Location("cli-prefer-ip", "ip", Score.INFINITY, "a"));
        s = new Move("ip", "b").apply(s);
        assertThat(s.operatorLocations()).containsExactly(new Location("cli-prefer-ip", "ip", Score.INFINITY, "b"));
    }

    @Test
    void moveWithoutNodeOfAResourceRunningNowhereChangesNothing() {
        ClusterState s = new Move("ip", null).apply(base);
        assertThat(s.operatorLocations()).isEmpty();
        assertThat(s.revision()).isEqualTo(base.revision() + 1);
        assertThat(new Move("nope", "a").apply(base).operatorLocations()).isEmpty();
        assertThat(new Move("ip", "nope").apply(base).operatorLocations()).isEmpty();
    }

    @Test
    void clearRemovesMovesAndBansOfTheResourceOnly() {
        ClusterState s = started(base, "a", "ip");
        s = TestClusters.apply(s, new Move("ip", null), new Move("web", "b"));
        assertThat(new Clear("ip", "b").apply(s).operatorLocations()).hasSize(2);
        assertThat(new Clear("ip", "a").apply(s).operatorLocations())
                .containsExactly(new Location("cli-prefer-web", "web", Score.INFINITY, "b"));
        assertThat(new Clear("ip", null).apply(s).operatorLocations()).extracting(Location::resource).containsExactly("web");
    }

    @Test
    void startAndStopFailuresCountInfinityMonitorFailuresCountOne() {
        ClusterState s = record(base, "a", "ip", Operation.START, OcfStatus.ERR_GENERIC, 10);
        assertThat(s.failCount("ip", "a")).contains(new FailCount(Score.INFINITY, 10));
        assertThat(s.observation("a", "ip").orElseThrow().role()).isEqualTo(Role.FAILED);

        s = started(base, "b", "ip");
        s = record(s, "b", "ip", Operation.MONITOR, OcfStatus.NOT_RUNNING, 20);
        assertThat(s.failCount("ip", "b")).contains(new FailCount(1, 20));
        assertThat(s.observation("b", "ip").orElseThrow().role()).isEqualTo(Role.STOPPED);
        s = started(s, "b", "ip");
        s = record(s, "b", "ip", Operation.MONITOR, OcfStatus.ERR_GENERIC, 30);
        assertThat(s.failCount("ip", "b")).contains(new FailCount(2, 30));
        assertThat(s.observation("b", "ip").orElseThrow().role()).isEqualTo(Role.FAILED);
        s = record(s, "b", "ip", Operation.STOP, OcfStatus.TIMEOUT, 40);
        assertThat(s.failCount("ip", "b")).contains(new FailCount(Score.INFINITY, 40));
    }

    @Test
    void aProbeThatFindsItStoppedIsNoFailure() {
        ClusterState s = cluster().members("a").resources("ip").online();
        s = record(s, "a", "ip", Operation.PROBE, OcfStatus.NOT_RUNNING, 1);
        assertThat(s.failures()).isEmpty();
        assertThat(s.observation("a", "ip").orElseThrow().role()).isEqualTo(Role.STOPPED);
        s = record(s, "a", "ip", Operation.PROBE, OcfStatus.ERR_INSTALLED, 2);
        assertThat(s.failCount("ip", "a")).contains(new FailCount(1, 2));
    }

    @Test
    void aLateMonitorReportAboutAStoppedResourceIsIgnored() {
        ClusterState s = started(base, "a", "ip");
        s = record(s, "a", "ip", Operation.STOP, OcfStatus.SUCCESS, 5);
        ClusterState late = record(s, "a", "ip", Operation.MONITOR, OcfStatus.SUCCESS, 4);
        assertThat(late.observation("a", "ip").orElseThrow().role()).isEqualTo(Role.STOPPED);
        late = record(s, "a", "ip", Operation.MONITOR, OcfStatus.ERR_GENERIC, 4);
        assertThat(late.failures()).isEmpty();
    }

    @Test
    void anExpiredFailureCountStartsAgainFromZero() {
        ClusterState s = cluster().members("a").resource(rsc("ip").failureTimeout(60_000)).probed();
        s = started(s, "a", "ip");
        s = record(s, "a", "ip", Operation.MONITOR, OcfStatus.ERR_GENERIC, 1_000);
        s = started(s, "a", "ip");
        s = record(s, "a", "ip", Operation.MONITOR, OcfStatus.ERR_GENERIC, 2_000);
        assertThat(s.failCount("ip", "a")).contains(new FailCount(2, 2_000));
        s = started(s, "a", "ip");
        s = record(s, "a", "ip", Operation.MONITOR, OcfStatus.ERR_GENERIC, 62_000);
        assertThat(s.failCount("ip", "a")).contains(new FailCount(1, 62_000));
    }

    @Test
    void cleanupForgetsFailuresAndObservationsOfTheResourceOnTheNode() {
        ClusterState s = record(base, "a", "ip", Operation.START, OcfStatus.ERR_GENERIC, 1);
        s = record(s, "b", "ip", Operation.START, OcfStatus.ERR_GENERIC, 1);
        ClusterState one = new Cleanup("ip", "a").apply(s);
        assertThat(one.failCount("ip", "a")).isEmpty();
        assertThat(one.observation("a", "ip")).isEmpty();
        assertThat(one.failCount("ip", "b")).isPresent();
        assertThat(one.observation("a", "web")).isPresent();
        ClusterState all = new Cleanup(null, null).apply(s);
        assertThat(all.failures()).isEmpty();
        assertThat(all.observed()).isEmpty();
    }

    @Test
    void targetRoleDefaultsToTheConfigurationAndAnOperatorOverridesIt() {
        ClusterState s = cluster().members("a").resource(rsc("ip").disabled()).resources("web").online();
        assertThat(s.targetRole("ip")).isEqualTo(TargetRole.STOPPED);
        assertThat(s.targetRole("web")).isEqualTo(TargetRole.STARTED);
        s = new SetTargetRole("ip", TargetRole.STARTED).apply(s);
        assertThat(s.targetRole("ip")).isEqualTo(TargetRole.STARTED);
    }

    @Test
    void applyingTheSameCommandsGivesEqualStates() {
        ClusterCommand[] log = {new SetStandby("a", true), new Move("ip", "b"),
                new ClusterCommand.RecordOperation("b", "ip", Operation.START, OcfStatus.SUCCESS, 7, "ok"),
                new Cleanup("web", null), new NodeLeft("a")};
        assertThat(TestClusters.apply(base, log)).isEqualTo(TestClusters.apply(base, log));
    }

    @Test
    void definitionComesFromTheParsedConfiguration() throws Exception {
        var config = new ConfigParser(Map.of()).parseText("c.cfg", """
                cluster edge
                    member lb1 127.0.0.1:7946
                    member lb2 127.0.0.2:7946
                    witness w1 127.0.0.3:7946
                    resource-stickiness 100
                    colocation fip-with-web inf fip web
                    order web-then-fip web fip
                    location fip-on-lb1 fip 50 lb1
                resource web
                    type process
                    param command "nginx -g 'daemon off;'"
                resource fip
                    type digitalocean-floating-ip
                    op monitor interval 2s timeout 10s
                    on-fail move
                """);
        ClusterDefinition d = ClusterDefinition.from(config.cluster());
        assertThat(d.name()).isEqualTo("edge");
        assertThat(d.nodes()).containsExactly(new NodeDefinition("lb1", false), new NodeDefinition("lb2", false),
                new NodeDefinition("w1", true));
        assertThat(d.colocations()).containsExactly(new Colocation("fip-with-web", Score.INFINITY, "fip", "web"));
        assertThat(d.orders()).containsExactly(new Order("web-then-fip", "web", "fip"));
        assertThat(d.locations()).containsExactly(new Location("fip-on-lb1", "fip", 50, "lb1"));
        ResourceDefinition fip = d.resource("fip").orElseThrow();
        assertThat(fip.monitor()).isEqualTo(new OperationSpec(2_000, 10_000));
        assertThat(fip.onFail()).isEqualTo(OnFail.MOVE);
        assertThat(fip.stickiness()).isEqualTo(100);
        assertThat(d.resource("web").orElseThrow().params()).containsEntry("command", "nginx -g 'daemon off;'");
    }

    @Test
    void theClockOnlyMovesForwardWithTicksAndReports() {
        ClusterState s = new ClusterCommand.Tick(1_000).apply(base);
        assertThat(s.clock()).isEqualTo(1_000);
        assertThat(s.revision()).isEqualTo(base.revision() + 1);
        assertThat(new ClusterCommand.Tick(500).apply(s).clock()).as("a late tick from a slower clock").isEqualTo(1_000);
        ClusterState reported = new ClusterCommand.RecordOperation("a", "ip", Operation.MONITOR, OcfStatus.SUCCESS, 2_000, "ok")
                .apply(s);
        assertThat(reported.clock()).isEqualTo(2_000);
    }
}
