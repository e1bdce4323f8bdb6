package io.haven.cluster.placement;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.cluster.agent.OcfStatus;
import io.haven.cluster.state.ClusterCommand;
import io.haven.cluster.state.ClusterDefinition;
import io.haven.cluster.state.ClusterState;
import io.haven.config.ConfigParser;
import io.haven.config.model.Config;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example of CLUSTER.md parses and places nginx and the floating IP as the text says. */
class DocumentedExampleTest {

    @Test
    void theDocumentedPairPlacesNginxThenTheIpOnLb1AndFailsOverToLb2() throws Exception {
        String doc = Files.readString(Path.of("CLUSTER.md"));
        int start = doc.indexOf("```\nglobal");
        String example = doc.substring(start + 4, doc.indexOf("```", start + 4));
        Config config = new ConfigParser(Map.of()).parseText("CLUSTER.md", example);

        ClusterState s = new ClusterCommand.LoadConfig(ClusterDefinition.from(config.cluster())).apply(ClusterState.empty());
        for (String n : new String[] {"lb1", "lb2", "w1"}) {
            s = new ClusterCommand.NodeJoined(n).apply(s);
        }
        Simulator sim = new Simulator(s, 0);
        Plan plan = sim.settle();
        assertThat(plan.nodeOf("web")).contains("lb1");
        assertThat(plan.nodeOf("fip")).contains("lb1");
        assertThat(sim.rounds()).hasSize(3); // probes, then nginx, then the IP
        assertThat(sim.rounds().get(0)).extracting(Action::type).containsOnly(ActionType.PROBE).hasSize(4);

        sim.worldRuns("fip", "lb1", false).monitor("fip", "lb1", OcfStatus.NOT_RUNNING).settle();
        assertThat(sim.runs("web", "lb2")).isTrue();
        assertThat(sim.runs("fip", "lb2")).isTrue();
        assertThat(sim.runs("web", "lb1")).isFalse();
    }
}
