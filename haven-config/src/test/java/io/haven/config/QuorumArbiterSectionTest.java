package io.haven.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.config.model.ClusterConfig;
import io.haven.config.model.QuorumArbiterConfig;
import io.haven.config.model.QuorumMode;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code quorum two_node arbiter digitalocean-floating-ip RESOURCE [timeout TIME]} parses into the model. */
class QuorumArbiterSectionTest {
    private static final String PAIR = """
            cluster edge
                member lb1 10.0.0.1:7946
                member lb2 10.0.0.2:7946
            """;
    private static final String FIP = """
            resource fip
                type digitalocean-floating-ip
                param ip 45.55.96.47
                param token-file /etc/haven/do.token
            """;

    private static ClusterConfig parse(String quorumLine) throws ConfigException {
        return new ConfigParser(Map.of()).parseText("c.cfg", PAIR + "    " + quorumLine + "\n" + FIP).cluster();
    }

    @Test
    void theArbiterNamesTheFloatingIpResourceAndItsTimeout() throws ConfigException {
        ClusterConfig c = parse("quorum two_node arbiter digitalocean-floating-ip fip timeout 20s");
        assertThat(c.quorum()).isEqualTo(QuorumMode.TWO_NODE);
        assertThat(c.arbiter()).isEqualTo(new QuorumArbiterConfig("digitalocean-floating-ip", "fip", 20_000,
                new SourceLocation("c.cfg", 4)));
    }

    @Test
    void theTimeoutDefaultsToThirtySeconds() throws ConfigException {
        assertThat(parse("quorum two_node arbiter digitalocean-floating-ip fip").arbiter().timeoutMs())
                .isEqualTo(QuorumArbiterConfig.DEFAULT_TIMEOUT_MS).isEqualTo(30_000);
    }

    @Test
    void twoNodeWithoutAnArbiterHasNone() throws ConfigException {
        ClusterConfig c = parse("quorum two_node");
        assertThat(c.quorum()).isEqualTo(QuorumMode.TWO_NODE);
        assertThat(c.arbiter()).isNull();
    }
}
