package io.haven.cluster.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.cluster.agent.digitalocean.FloatingIpAgent;
import io.haven.cluster.agent.ocf.OcfAgent;
import io.haven.cluster.agent.process.ProcessAgent;
import io.haven.cluster.agent.vip.VipAgent;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The catalogue builds each type and refuses bad resources with a message naming resource, type and param. */
class ResourceAgentsTest {
    private final ResourceAgents agents = ResourceAgents.builtIn(CommandRunner.local(), Map.of());

    @Test
    void eachBuiltInTypeBuildsItsAgent() {
        assertThat(agents.types()).containsExactly("digitalocean-floating-ip", "vip", "ocf", "process");
        assertThat(agents.create("digitalocean-floating-ip", "fip", Map.of("ip", "203.0.113.10"))).isInstanceOf(FloatingIpAgent.class);
        assertThat(agents.create("vip", "v", Map.of("ip", "10.0.0.100/24", "interface", "eth0", "arp-count", "3")))
                .isInstanceOf(VipAgent.class);
        assertThat(agents.create("ocf", "o", Map.of("agent", "heartbeat:Dummy", "state", "/tmp/x"))).isInstanceOf(OcfAgent.class);
        assertThat(agents.create("process", "p", Map.of("command", "nginx -g 'daemon off;'", "stop-timeout", "5s")))
                .isInstanceOf(ProcessAgent.class);
    }

    @Test
    void pacemakersOcfSpellingRunsThatScript(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path state = dir.resolve("dummy.state");
        ResourceAgent dummy = agents.create("ocf:heartbeat:Dummy", "d", Map.of("state", state.toString()));
        assertThat(dummy).isInstanceOf(OcfAgent.class);
        assertThat(dummy.start(Duration.ofSeconds(20)).status()).isEqualTo(OcfStatus.SUCCESS);
        assertThat(state).exists();
        assertThat(dummy.monitor(Duration.ofSeconds(20)).status()).isEqualTo(OcfStatus.SUCCESS);
        assertThat(dummy.stop(Duration.ofSeconds(20)).status()).isEqualTo(OcfStatus.SUCCESS);
        assertThat(dummy.monitor(Duration.ofSeconds(20)).status()).isEqualTo(OcfStatus.NOT_RUNNING);
        assertThatThrownBy(() -> agents.create("ocf:heartbeat:Dummy", "d", Map.of("agent", "heartbeat:IPaddr2")))
                .hasMessageContaining("names its script already");
    }

    @Test
    void aMissingParamIsNamed() {
        assertThatThrownBy(() -> agents.create("digitalocean-floating-ip", "fip", Map.of()))
                .hasMessage("resource 'fip': type 'digitalocean-floating-ip' needs param 'ip'");
        assertThatThrownBy(() -> agents.create("vip", "v", Map.of("ip", "10.0.0.100/24")))
                .hasMessage("resource 'v': type 'vip' needs param 'interface'");
        assertThatThrownBy(() -> agents.create("ocf", "o", Map.of()))
                .hasMessage("resource 'o': type 'ocf' needs param 'agent'");
        assertThatThrownBy(() -> agents.create("process", "p", Map.of("command", " ")))
                .hasMessage("resource 'p': type 'process' needs param 'command'");
    }

    @Test
    void aTokenFileAndATokenVariableTogetherAreRefused() {
        assertThatThrownBy(() -> agents.create("digitalocean-floating-ip", "fip",
                Map.of("ip", "203.0.113.10", "token-file", "/etc/haven/do-token", "token-env", "DO_TOKEN")))
                .hasMessage("resource 'fip': type 'digitalocean-floating-ip' param 'token-env': give either token-file or token-env, not both");
    }

    @Test
    void anUnknownParamIsNamedWithTheAcceptedOnes() {
        assertThatThrownBy(() -> agents.create("vip", "v", Map.of("ip", "10.0.0.100/24", "interface", "eth0", "arp_count", "3")))
                .hasMessage("resource 'v': type 'vip' has no param 'arp_count' (accepted: ip, interface, lease, arp-count)");
    }

    @Test
    void invalidValuesSayWhatWouldBeAccepted() {
        assertThatThrownBy(() -> agents.create("vip", "v", Map.of("ip", "10.0.0.100", "interface", "eth0")))
                .hasMessage("resource 'v': type 'vip' param 'ip': invalid value '10.0.0.100', expected an IPv4 address"
                        + " with a prefix length, such as 10.0.0.100/24");
        assertThatThrownBy(() -> agents.create("digitalocean-floating-ip", "fip", Map.of("ip", "1.2.3.4", "poll-interval", "soon")))
                .hasMessageStartingWith("resource 'fip': type 'digitalocean-floating-ip' param 'poll-interval': invalid value 'soon'");
        assertThatThrownBy(() -> agents.create("digitalocean-floating-ip", "fip", Map.of("ip", "1.2.3.4", "api-url", "ftp://x")))
                .hasMessageContaining("param 'api-url'").hasMessageContaining("expected an http:// or https:// URL");
        assertThatThrownBy(() -> agents.create("ocf", "o", Map.of("agent", "IPaddr2")))
                .hasMessageContaining("expected PROVIDER:TYPE (such as heartbeat:IPaddr2)");
        assertThatThrownBy(() -> agents.create("ocf", "o", Map.of("agent", "heartbeat:Dummy", "bad-name", "1")))
                .hasMessageContaining("param 'bad-name': OCF parameter names are shell variable names");
        assertThatThrownBy(() -> agents.create("process", "p", Map.of("command", "sh -c 'oops")))
                .hasMessage("resource 'p': type 'process' param 'command': unterminated ' quote at character 7 in 'sh -c 'oops'");
    }

    @Test
    void anUnknownTypeListsTheKnownOnes() {
        assertThatThrownBy(() -> agents.create("floatip", "f", Map.of()))
                .hasMessage("resource 'f': unknown type 'floatip' (known: digitalocean-floating-ip, vip, ocf, process)");
        assertThatThrownBy(() -> agents.create(ResourceAgents.HAVEN_PROXY, "proxy", Map.of()))
                .hasMessageContaining("haven-proxy is registered by the haven program");
    }

    @Test
    void theProgramRegistersHavenProxyThroughTheHook() throws Exception {
        ResourceAgents withProxy = agents.with(ResourceAgents.HAVEN_PROXY, p -> {
            String frontend = p.required("frontend");
            return new ResourceAgent() {
                @Override
                public AgentResult start(Duration timeout) {
                    return AgentResult.success("started " + frontend);
                }

                @Override
                public AgentResult stop(Duration timeout) {
                    return AgentResult.success("stopped " + frontend);
                }

                @Override
                public AgentResult monitor(Duration timeout) {
                    return AgentResult.notRunning(frontend);
                }
            };
        });
        assertThat(withProxy.create("haven-proxy", "web", Map.of("frontend", "fe_web")).start(Duration.ofSeconds(1)).message())
                .isEqualTo("started fe_web");
        assertThatThrownBy(() -> withProxy.create("haven-proxy", "web", Map.of())).hasMessage("resource 'web': type 'haven-proxy' needs param 'frontend'");
        assertThatThrownBy(() -> withProxy.with("vip", p -> null)).hasMessage("resource agent type 'vip' is already registered");
        assertThat(agents.types()).doesNotContain("haven-proxy");
    }
}
