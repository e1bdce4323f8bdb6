package io.haven.cluster.state;

import static io.haven.cluster.state.TestClusters.cluster;
import static io.haven.cluster.state.TestClusters.started;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Operator commands naming what does not exist are refused with a reason before they reach the log. */
class CommandValidatorTest {
    private final ClusterState s = cluster().members("lb1", "lb2").witness("w1").resources("fip", "web").probed();

    @Test
    void unknownNodesAndResourcesAreNamedWithWhatExists() {
        assertThat(CommandValidator.problem(s, new ClusterCommand.SetStandby("lb3", true)))
                .contains("unknown node 'lb3' (cluster nodes: lb1, lb2, w1)");
        assertThat(CommandValidator.problem(s, new ClusterCommand.Cleanup("nginx", null)))
                .contains("unknown resource 'nginx' (resources: fip, web)");
        assertThat(CommandValidator.problem(s, new ClusterCommand.Clear("fip", "lb9"))).get().asString()
                .contains("unknown node 'lb9'");
    }

    @Test
    void aMoveNeedsATargetThatRunsResourcesOrASingleCurrentNode() {
        assertThat(CommandValidator.problem(s, new ClusterCommand.Move("fip", "w1")))
                .contains("node 'w1' is a witness: it never runs resources");
        assertThat(CommandValidator.problem(s, new ClusterCommand.Move("fip", null)))
                .contains("resource 'fip' runs on no node: name the node to move it to");
        assertThat(CommandValidator.problem(started(s, "lb1", "fip"), new ClusterCommand.Move("fip", null))).isEmpty();
        assertThat(CommandValidator.problem(s, new ClusterCommand.Move("fip", "lb2"))).isEmpty();
    }

    @Test
    void validCommandsPass() {
        assertThat(CommandValidator.problem(s, new ClusterCommand.SetStandby("lb1", true))).isEmpty();
        assertThat(CommandValidator.problem(s, new ClusterCommand.Cleanup(null, null))).isEmpty();
        assertThat(CommandValidator.problem(s, new ClusterCommand.SetMaintenance(true))).isEmpty();
        assertThat(CommandValidator.problem(s, new ClusterCommand.SetTargetRole("web", TargetRole.STOPPED))).isEmpty();
    }
}
