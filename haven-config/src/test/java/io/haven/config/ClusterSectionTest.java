package io.haven.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.config.model.ClusterConfig;
import io.haven.config.model.ClusterNodeConfig;
import io.haven.config.model.ColocationConfig;
import io.haven.config.model.Config;
import io.haven.config.model.LocationConfig;
import io.haven.config.model.NoQuorumPolicy;
import io.haven.config.model.OnFail;
import io.haven.config.model.OperationConfig;
import io.haven.config.model.OrderConfig;
import io.haven.config.model.QuorumMode;
import io.haven.config.model.ResourceConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code cluster} and {@code resource} sections parse into the model, with defaults applied. */
class ClusterSectionTest {
    private static Config parse(String text) throws ConfigException {
        return new ConfigParser(Map.of("TOKEN_FILE", "/etc/haven/do.token")).parseText("c.cfg", text);
    }

    private static final String EDGE = """
            global
                node lb1
            cluster edge
                member lb1 10.0.0.1:7946
                member lb2 10.0.0.2:7946
                witness w1 10.0.0.3:7946
                quorum majority
                no-quorum-policy freeze
                resource-stickiness 100
                migration-threshold 3
                failure-timeout 60s
                state-dir /var/lib/haven/edge
                colocation fip-with-web inf fip web
                order web-then-fip web fip
                location fip-on-lb1 fip 50 lb1
                location web-not-w1 web -inf w1
            resource fip
                type digitalocean-floating-ip
                param ip 45.55.96.47
                param token-file "${TOKEN_FILE}"
                op monitor interval 2s timeout 10s
                op start timeout 30s
                op stop timeout=30s
                on-fail move
                migration-threshold 1
            resource web
                type ocf:heartbeat:nginx
                param configfile=/etc/nginx/nginx.conf
                resource-stickiness inf
                failure-timeout 5m
                disabled
            """;

    @Test
    void clusterSectionNamesVotersQuorumDefaultsAndConstraints() throws ConfigException {
        Config c = parse(EDGE);
        assertThat(c.global().node()).isEqualTo("lb1");
        ClusterConfig cl = c.cluster();
        assertThat(cl.name()).isEqualTo("edge");
        assertThat(cl.nodes()).containsExactly(
                new ClusterNodeConfig("lb1", "10.0.0.1", 7946, false, new SourceLocation("c.cfg", 4)),
                new ClusterNodeConfig("lb2", "10.0.0.2", 7946, false, new SourceLocation("c.cfg", 5)),
                new ClusterNodeConfig("w1", "10.0.0.3", 7946, true, new SourceLocation("c.cfg", 6)));
        assertThat(cl.members()).extracting(ClusterNodeConfig::name).containsExactly("lb1", "lb2");
        assertThat(cl.quorum()).isEqualTo(QuorumMode.MAJORITY);
        assertThat(cl.noQuorumPolicy()).isEqualTo(NoQuorumPolicy.FREEZE);
        assertThat(cl.resourceStickiness()).isEqualTo(100);
        assertThat(cl.migrationThreshold()).isEqualTo(3);
        assertThat(cl.failureTimeoutMs()).isEqualTo(60_000);
        assertThat(cl.stateDir()).isEqualTo("/var/lib/haven/edge");
        assertThat(cl.colocations()).containsExactly(
                new ColocationConfig("fip-with-web", ClusterConfig.INFINITY, "fip", "web", new SourceLocation("c.cfg", 13)));
        assertThat(cl.orders()).containsExactly(new OrderConfig("web-then-fip", "web", "fip", new SourceLocation("c.cfg", 14)));
        assertThat(cl.locations()).containsExactly(
                new LocationConfig("fip-on-lb1", "fip", 50, "lb1", new SourceLocation("c.cfg", 15)),
                new LocationConfig("web-not-w1", "web", -ClusterConfig.INFINITY, "w1", new SourceLocation("c.cfg", 16)));
    }

    @Test
    void resourceSectionsOverrideTheClusterDefaultsAndKeepParamsInOrder() throws ConfigException {
        ClusterConfig cl = parse(EDGE).cluster();
        ResourceConfig fip = cl.resource("fip").orElseThrow();
        assertThat(fip.type()).isEqualTo("digitalocean-floating-ip");
        assertThat(fip.params()).containsExactly(Map.entry("ip", "45.55.96.47"), Map.entry("token-file", "/etc/haven/do.token"));
        assertThat(fip.monitor().intervalMs()).isEqualTo(2_000);
        assertThat(fip.monitor().timeoutMs()).isEqualTo(10_000);
        assertThat(fip.start().timeoutMs()).isEqualTo(30_000);
        assertThat(fip.stop().timeoutMs()).isEqualTo(30_000);
        assertThat(fip.onFail()).isEqualTo(OnFail.MOVE);
        assertThat(fip.migrationThreshold()).isEqualTo(1);
        assertThat(fip.failureTimeoutMs()).isEqualTo(60_000);
        assertThat(fip.resourceStickiness()).isEqualTo(100);
        assertThat(fip.disabled()).isFalse();

        ResourceConfig web = cl.resource("web").orElseThrow();
        assertThat(web.params()).containsExactly(Map.entry("configfile", "/etc/nginx/nginx.conf"));
        assertThat(web.resourceStickiness()).isEqualTo(ClusterConfig.INFINITY);
        assertThat(web.failureTimeoutMs()).isEqualTo(300_000);
        assertThat(web.migrationThreshold()).isEqualTo(3);
        assertThat(web.onFail()).isEqualTo(OnFail.RESTART);
        assertThat(web.disabled()).isTrue();
        assertThat(web.monitor()).isEqualTo(new OperationConfig("monitor",
                OperationConfig.DEFAULT_MONITOR_INTERVAL_MS, OperationConfig.DEFAULT_TIMEOUT_MS, null));
        assertThat(web.start().timeoutMs()).isEqualTo(20_000);
    }

    @Test
    void defaultsArePacemakersWhenTheClusterSetsNothing() throws ConfigException {
        ClusterConfig cl = parse("""
                cluster pair
                    member a 127.0.0.1:7946
                    member b 127.0.0.2:7946
                    quorum two_node
                resource ip
                    type vip
                """).cluster();
        assertThat(cl.quorum()).isEqualTo(QuorumMode.TWO_NODE);
        assertThat(cl.noQuorumPolicy()).isEqualTo(NoQuorumPolicy.STOP);
        assertThat(cl.stateDir()).isEqualTo(ClusterConfig.DEFAULT_STATE_DIR);
        ResourceConfig ip = cl.resources().get(0);
        assertThat(ip.resourceStickiness()).isZero();
        assertThat(ip.migrationThreshold()).isEqualTo(ClusterConfig.INFINITY);
        assertThat(ip.failureTimeoutMs()).isZero();
        assertThat(ip.onFail()).isEqualTo(OnFail.RESTART);
    }

    @Test
    void scoresAcceptPacemakerAndCrmshSpellings() throws ConfigException {
        ClusterConfig cl = parse("""
                cluster c
                    member a 127.0.0.1:7946
                    member b 127.0.0.2:7946
                    location l1 r INFINITY a
                    location l2 r -INFINITY: b
                    location l3 r +inf b
                    location l4 r -1000000 a
                    colocation c1 inf: r s
                resource r
                    type vip
                resource s
                    type vip
                """).cluster();
        assertThat(cl.locations()).extracting(LocationConfig::score)
                .containsExactly(ClusterConfig.INFINITY, -ClusterConfig.INFINITY, ClusterConfig.INFINITY, -ClusterConfig.INFINITY);
        assertThat(cl.colocations().get(0).score()).isEqualTo(ClusterConfig.INFINITY);
    }

    @Test
    void aFileWithoutClusterSectionHasNoCluster() throws ConfigException {
        Config c = parse("""
                global
                    maxconn 100
                backend be
                    server s 127.0.0.1:80
                """);
        assertThat(c.cluster()).isNull();
        assertThat(c.clusterConfig()).isEmpty();
        assertThat(c.global().node()).isNull();
    }

    @Test
    void proxiesAndClusterLiveInTheSameFile() throws ConfigException {
        Config c = parse("""
                cluster c
                    member a 127.0.0.1:7946
                resource r
                    type vip
                backend be
                    server s 127.0.0.1:80
                """);
        assertThat(c.cluster().resources()).extracting(ResourceConfig::name).containsExactly("r");
        assertThat(c.backends()).extracting(p -> p.name()).containsExactly("be");
    }
}
