package io.haven.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** {@code haven agent --listen} and {@code --mysql} addresses: HOST:PORT, *:PORT, :PORT, [v6]:PORT. */
class AgentCommandAddressTest {
    @Test
    void hostAndPort() {
        InetSocketAddress a = AgentCommand.address("127.0.0.1:9876", "--listen");
        assertThat(a.getHostString()).isEqualTo("127.0.0.1");
        assertThat(a.getPort()).isEqualTo(9876);
    }

    @Test
    void starOrNoHostMeansEveryAddress() {
        assertThat(AgentCommand.address("*:9876", "--listen").getAddress().isAnyLocalAddress()).isTrue();
        assertThat(AgentCommand.address(":9876", "--listen").getAddress().isAnyLocalAddress()).isTrue();
    }

    @Test
    void bracketedIpv6() {
        InetSocketAddress a = AgentCommand.address("[::1]:3306", "--mysql");
        assertThat(a.getAddress().isLoopbackAddress()).isTrue();
        assertThat(a.getPort()).isEqualTo(3306);
    }

    @Test
    void anythingElseNamesTheOptionAndTheForm() {
        assertThatThrownBy(() -> AgentCommand.address("localhost", "--mysql"))
                .hasMessage("--mysql 'localhost' must be HOST:PORT, e.g. 127.0.0.1:9876");
        assertThatThrownBy(() -> AgentCommand.address("127.0.0.1:99999", "--listen"))
                .hasMessage("--listen '127.0.0.1:99999': the port must be between 0 and 65535");
        assertThatThrownBy(() -> AgentCommand.address("127.0.0.1:x", "--listen"))
                .hasMessageContaining("the port must be between 0 and 65535");
    }
}
