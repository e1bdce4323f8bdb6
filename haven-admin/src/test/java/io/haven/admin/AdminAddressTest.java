package io.haven.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AdminAddressTest {
    @Test
    void pathsAreUnixSockets() {
        assertThat(AdminAddress.parse("/run/haven.sock")).isEqualTo(UnixDomainSocketAddress.of("/run/haven.sock"));
        assertThat(AdminAddress.parse("unix@/run/a:1")).isEqualTo(UnixDomainSocketAddress.of("/run/a:1"));
        assertThat(AdminAddress.parse("haven.sock")).isEqualTo(UnixDomainSocketAddress.of(Path.of("haven.sock")));
    }

    @Test
    void hostAndPortAreTcp() {
        assertThat(AdminAddress.parse("127.0.0.1:9999")).isEqualTo(new InetSocketAddress("127.0.0.1", 9999));
        assertThat(AdminAddress.parse("ipv4@127.0.0.1:9999")).isEqualTo(new InetSocketAddress("127.0.0.1", 9999));
        assertThat(AdminAddress.parse("[::1]:9999")).isEqualTo(new InetSocketAddress("::1", 9999));
        assertThat(AdminAddress.parse(":9999")).isEqualTo(new InetSocketAddress("127.0.0.1", 9999));
    }

    @Test
    void badInputIsExplained() {
        assertThatThrownBy(() -> AdminAddress.parse(" ")).hasMessageContaining("socket path or HOST:PORT");
        assertThatThrownBy(() -> AdminAddress.parse("127.0.0.1:70000")).hasMessageContaining("port out of range");
    }
}
