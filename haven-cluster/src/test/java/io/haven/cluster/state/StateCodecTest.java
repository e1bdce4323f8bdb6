package io.haven.cluster.state;

import static io.haven.cluster.state.TestClusters.cluster;
import static io.haven.cluster.state.TestClusters.record;
import static io.haven.cluster.state.TestClusters.rsc;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.cluster.agent.OcfStatus;
import io.haven.config.model.OnFail;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Commands and snapshots survive the trip through bytes, and foreign bytes are refused with a reason. */
class StateCodecTest {
    private final StateCodec codec = new StateCodec();
    private final ClusterDefinition definition = cluster().members("a", "b").witness("w")
            .resource(rsc("ip").onFail(OnFail.MOVE).threshold(3).failureTimeout(60_000).stickiness(100))
            .resources("web").colocation(Score.INFINITY, "ip", "web").order("web", "ip").location("ip", 50, "a").build();

    @Test
    void everyCommandTypeRoundTrips() {
        List<ClusterCommand> commands = List.of(
                new ClusterCommand.LoadConfig(definition),
                new ClusterCommand.NodeJoined("a"),
                new ClusterCommand.NodeLeft("b"),
                new ClusterCommand.SetStandby("a", true),
                new ClusterCommand.SetNodeMaintenance("b", true),
                new ClusterCommand.SetMaintenance(true),
                new ClusterCommand.SetTargetRole("ip", TargetRole.STOPPED),
                new ClusterCommand.Move("ip", "b"),
                new ClusterCommand.Move("ip", null),
                new ClusterCommand.Clear("ip", null),
                new ClusterCommand.Cleanup(null, "a"),
                new ClusterCommand.RecordOperation("a", "ip", Operation.MONITOR, OcfStatus.TIMEOUT, 1_700_000_000_123L,
                        "monitor timed out after 10s"),
                new ClusterCommand.Tick(1_700_000_000_456L));
        for (ClusterCommand c : commands) {
            byte[] bytes = codec.encode(c);
            assertThat(codec.decodeCommand(bytes)).as(new String(bytes, StandardCharsets.UTF_8)).isEqualTo(c);
        }
    }

    @Test
    void aFullSnapshotRoundTripsAndEncodesIdenticallyEveryTime() {
        ClusterState s = cluster().members("a", "b").witness("w").resources("x").online();
        s = TestClusters.apply(s, new ClusterCommand.LoadConfig(definition), new ClusterCommand.SetStandby("b", true),
                new ClusterCommand.Move("ip", "a"), new ClusterCommand.SetTargetRole("web", TargetRole.STOPPED));
        s = record(s, "a", "web", Operation.START, OcfStatus.SUCCESS, 5);
        s = record(s, "b", "ip", Operation.START, OcfStatus.ERR_GENERIC, 6);
        byte[] bytes = codec.encode(s);
        ClusterState back = codec.decodeState(bytes);
        assertThat(back).isEqualTo(s);
        assertThat(codec.encode(back)).isEqualTo(bytes);
        assertThat(back.failCount("ip", "b")).contains(new FailCount(Score.INFINITY, 6));
    }

    @Test
    void theEmptyStateRoundTrips() {
        assertThat(codec.decodeState(codec.encode(ClusterState.empty()))).isEqualTo(ClusterState.empty());
    }

    @Test
    void anUnknownFormatIsRefusedNamingIt() {
        byte[] future = "{\"format\":2,\"command\":{\"type\":\"set-maintenance\",\"maintenance\":true}}"
                .getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> codec.decodeCommand(future)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("format 2").hasMessageContaining("reads format 1");
    }

    @Test
    void unknownFieldsFromANewerWriterAreIgnored() {
        byte[] bytes = "{\"format\":1,\"command\":{\"type\":\"set-maintenance\",\"maintenance\":true,\"by\":\"ops\"}}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(codec.decodeCommand(bytes)).isEqualTo(new ClusterCommand.SetMaintenance(true));
    }

    @Test
    void garbageAndUnknownCommandsAreRefused() {
        assertThatThrownBy(() -> codec.decodeCommand("not json".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> codec.decodeCommand("{\"format\":1,\"command\":{\"type\":\"fence\"}}"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fence");
        assertThatThrownBy(() -> codec.decodeState("{\"format\":1}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no state");
    }
}
