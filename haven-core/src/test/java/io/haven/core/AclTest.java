package io.haven.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.config.ConfigException;
import io.haven.core.acl.SampleContext;
import io.haven.core.server.CheckResult;
import io.haven.core.server.CheckStatus;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;

/** Switching rules with the fetches and match methods Haven implements. */
class AclTest {
    private static SampleContext ctx(Generation g, String src, int dstPort) {
        return new SampleContext() {
            @Override
            public InetAddress src() {
                try {
                    return InetAddress.getByName(src);
                } catch (UnknownHostException e) {
                    throw new IllegalStateException(e);
                }
            }

            @Override
            public int srcPort() {
                return 40000;
            }

            @Override
            public InetAddress dst() {
                return InetAddress.getLoopbackAddress();
            }

            @Override
            public int dstPort() {
                return dstPort;
            }

            @Override
            public Frontend frontend() {
                return g.frontend("fe").orElseThrow();
            }

            @Override
            public Backend backend() {
                return null;
            }
        };
    }

    private static Generation gen(String rules) throws ConfigException {
        return Generations.of("""
                frontend fe
                  bind 127.0.0.1:1
                %s
                  default_backend main
                backend main
                  server m1 127.0.0.1:11 check
                  server m2 127.0.0.1:12 check maxconn 5 maxqueue 3
                backend other
                  server o1 127.0.0.1:13
                """.formatted(rules));
    }

    private static String pick(Generation g, String src, int port) {
        return g.frontend("fe").orElseThrow().selectBackend(ctx(g, src, port)).name();
    }

    @Test
    void nbsrvSwitchesWhenCapacityRunsLow() throws Exception {
        Generation g = gen("  acl low nbsrv(main) lt 2\n  use_backend other if low");
        assertThat(pick(g, "127.0.0.1", 1)).isEqualTo("main");
        g.server("main/m1").orElseThrow().onCheckResult(CheckResult.of(CheckStatus.L4CON, "", 1));
        assertThat(pick(g, "127.0.0.1", 1)).isEqualTo("other");
    }

    @Test
    void ipNetworksNegationAndOr() throws Exception {
        Generation g = gen("  acl lan src 10.0.0.0/8 192.168.1.7\n  acl admin dst_port 9000\n"
                + "  use_backend other if !lan admin || { src 172.16.0.1 }");
        assertThat(pick(g, "8.8.8.8", 9000)).isEqualTo("other");
        assertThat(pick(g, "10.1.2.3", 9000)).isEqualTo("main");
        assertThat(pick(g, "192.168.1.7", 9000)).isEqualTo("main");
        assertThat(pick(g, "8.8.8.8", 80)).isEqualTo("main");
        assertThat(pick(g, "172.16.0.1", 80)).isEqualTo("other");
    }

    @Test
    void integerOperatorsRangesAndBooleans() throws Exception {
        Generation g = gen("  acl a dst_port ge 8000\n  acl b dst_port 100:200\n  acl up srv_is_up(main/m1)\n"
                + "  acl t always_true\n  use_backend other if a up t || b");
        assertThat(pick(g, "1.1.1.1", 8000)).isEqualTo("other");
        assertThat(pick(g, "1.1.1.1", 7999)).isEqualTo("main");
        assertThat(pick(g, "1.1.1.1", 150)).isEqualTo("other");
        g.server("main/m1").orElseThrow().setMaintenance(true);
        assertThat(pick(g, "1.1.1.1", 8000)).isEqualTo("main");
    }

    @Test
    void connslotsCountsFreeConnectionsAndQueueSlots() throws Exception {
        Generation g = gen("  acl full connslots(main) lt 1\n  use_backend other if full");
        // m1 has no maxconn: unlimited, connslots is -1 (lt 1 matches, as in HAProxy's "stupid configuration")
        assertThat(pick(g, "1.1.1.1", 1)).isEqualTo("other");
        g.server("main/m1").orElseThrow().setMaintenance(true);
        assertThat(pick(g, "1.1.1.1", 1)).isEqualTo("main");
    }

    @Test
    void sameNameDeclarationsAreOred() throws Exception {
        Generation g = gen("  acl x dst_port 1\n  acl x dst_port 2\n  use_backend other if x");
        assertThat(pick(g, "1.1.1.1", 1)).isEqualTo("other");
        assertThat(pick(g, "1.1.1.1", 2)).isEqualTo("other");
        assertThat(pick(g, "1.1.1.1", 3)).isEqualTo("main");
    }

    @Test
    void badFetchesAndArgumentsAreConfigurationErrors() {
        assertThatThrownBy(() -> gen("  acl x req_ssl_sni -i a\n  use_backend other if x"))
                .isInstanceOf(ConfigException.class).hasMessageContaining("t.cfg:3")
                .hasMessageContaining("unknown fetch method 'req_ssl_sni'");
        assertThatThrownBy(() -> gen("  acl x nbsrv(nope) lt 1\n  use_backend other if x"))
                .hasMessageContaining("no such backend 'nope'");
        assertThatThrownBy(() -> gen("  acl x srv_is_up(main/zz)\n  use_backend other if x"))
                .hasMessageContaining("no such server 'main/zz'");
        assertThatThrownBy(() -> gen("  acl x src 10.0.0.0/40\n  use_backend other if x"))
                .hasMessageContaining("prefix length");
        assertThatThrownBy(() -> gen("  acl x dst_port lt\n  use_backend other if x"))
                .hasMessageContaining("needs a value");
        assertThatThrownBy(() -> gen("  acl x dst_port -m glob 3\n  use_backend other if x"))
                .hasMessageContaining("'-m glob'");
    }
}
