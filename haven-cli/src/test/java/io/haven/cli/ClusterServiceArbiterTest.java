package io.haven.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.cluster.agent.digitalocean.FloatingIpArbiter;
import io.haven.cluster.raft.TwoNodeArbiter;
import io.haven.config.ConfigParser;
import io.haven.config.model.ClusterConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The node gets the arbiter the {@code quorum} line names, built from that resource's params. */
class ClusterServiceArbiterTest {
    private static ClusterConfig cluster(String quorum, String ip) throws Exception {
        return new ConfigParser(Map.of()).parseText("c.cfg", """
                cluster edge
                    member lb1 127.0.0.1:7946
                    member lb2 127.0.0.2:7946
                    %s
                resource fip
                    type digitalocean-floating-ip
                    param ip %s
                    param token-env MY_TOKEN
                """.formatted(quorum, ip)).cluster();
    }

    @Test
    void theFloatingIpArbiterWhenTheQuorumLineNamesIt() throws Exception {
        assertThat(ClusterService.arbiter(cluster("quorum two_node arbiter digitalocean-floating-ip fip", "45.55.96.47")))
                .isInstanceOf(FloatingIpArbiter.class);
    }

    @Test
    void theArbiterReadsTheResourcesParams() throws Exception {
        assertThatThrownBy(() -> ClusterService.arbiter(cluster("quorum two_node arbiter digitalocean-floating-ip fip",
                "45.55.96")))
                .hasMessageContaining("resource 'fip': type 'digitalocean-floating-ip' param 'ip': invalid value '45.55.96'");
    }

    @Test
    void withoutAnArbiterASilentPeerMeansNoQuorum() throws Exception {
        assertThat(ClusterService.arbiter(cluster("quorum two_node", "45.55.96.47"))).isSameAs(TwoNodeArbiter.DENY);
    }
}
