package io.haven.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.config.model.AccessLevel;
import io.haven.config.model.BalanceAlgorithm;
import io.haven.config.model.CheckType;
import io.haven.config.model.Config;
import io.haven.config.model.HttpCheckConfig;
import io.haven.config.model.LogTarget;
import io.haven.config.model.ProxyConfig;
import io.haven.config.model.ProxyKind;
import io.haven.config.model.RetryOn;
import io.haven.config.model.TcpCheckRule;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigParserTest {
    private static Config parse(String text) throws ConfigException {
        return new ConfigParser(Map.of("BASE", "7000")).parseText("t.cfg", text);
    }

    @Test
    void globalSettingsAndStatsSockets() throws ConfigException {
        Config c = parse("""
                global
                    maxconn 5000
                    nbthread 2
                    hard-stop-after 30s
                    pidfile /tmp/haven.pid
                    stats socket /tmp/h.sock level admin mode 600
                    stats socket 127.0.0.1:9999 level user
                    stats timeout 2m
                    log stdout format raw local0 info
                    log 127.0.0.1:1514 local1
                """);
        var g = c.global();
        assertThat(g.maxconn()).isEqualTo(5000);
        assertThat(g.nbthread()).isEqualTo(2);
        assertThat(g.hardStopAfterMs()).isEqualTo(30_000);
        assertThat(g.pidfile()).isEqualTo("/tmp/haven.pid");
        assertThat(g.statsTimeoutMs()).isEqualTo(120_000);
        assertThat(g.statsSockets()).hasSize(2);
        assertThat(g.statsSockets().get(0).path()).isEqualTo("/tmp/h.sock");
        assertThat(g.statsSockets().get(0).level()).isEqualTo(AccessLevel.ADMIN);
        assertThat(g.statsSockets().get(0).mode()).isEqualTo(0600);
        assertThat(g.statsSockets().get(1).isUnix()).isFalse();
        assertThat(g.statsSockets().get(1).port()).isEqualTo(9999);
        assertThat(g.statsSockets().get(1).level()).isEqualTo(AccessLevel.USER);
        assertThat(g.logs()).containsExactly(
                new LogTarget(LogTarget.Kind.STDOUT, null, 0, "raw", "local0", "info"),
                new LogTarget(LogTarget.Kind.UDP, "127.0.0.1", 1514, "rfc3164", "local1", "debug"));
    }

    @Test
    void proxiesInheritTheDefaultsInForceAndNamedOnes() throws ConfigException {
        Config c = parse("""
                defaults base
                    mode tcp
                    timeout connect 5s
                    timeout client 1m
                    timeout server 1m
                    retries 5
                    option redispatch
                    balance leastconn
                    log stdout local0
                    option tcplog
                frontend fe
                    bind :${BASE},127.0.0.1:7001
                    bind 127.0.0.1:7002
                    default_backend be
                backend be
                    server s1 127.0.0.1:80
                defaults tight
                    timeout connect 100ms
                backend be2
                    server s1 127.0.0.1:80
                backend be4 from base
                    server s1 127.0.0.1:80
                defaults
                    balance first
                backend be3
                    no option redispatch
                    server s1 127.0.0.1:80
                backend be5
                    option redispatch 2
                    server s1 127.0.0.1:80
                backend be6
                    option redispatch 0
                    server s1 127.0.0.1:80
                """);
        ProxyConfig fe = c.proxy("fe").orElseThrow();
        assertThat(fe.kind()).isEqualTo(ProxyKind.FRONTEND);
        assertThat(fe.binds()).extracting(b -> b.describe()).containsExactly("*:7000", "127.0.0.1:7001", "127.0.0.1:7002");
        assertThat(fe.timeouts().client()).isEqualTo(60_000);
        assertThat(fe.tcpLog()).isTrue();
        assertThat(fe.logs()).hasSize(1);
        ProxyConfig be = c.proxy("be").orElseThrow();
        assertThat(be.retries()).isEqualTo(5);
        assertThat(be.redispatch()).isTrue();
        assertThat(be.balance()).isEqualTo(BalanceAlgorithm.LEASTCONN);
        assertThat(be.timeouts().connect()).isEqualTo(5000);
        ProxyConfig be2 = c.proxy("be2").orElseThrow();
        assertThat(be2.timeouts().connect()).isEqualTo(100);
        // a defaults section starts afresh, as in HAProxy: nothing of the previous one carries over
        assertThat(be2.timeouts().client()).isZero();
        assertThat(be2.balance()).isEqualTo(BalanceAlgorithm.ROUNDROBIN);
        assertThat(c.proxy("be4").orElseThrow().timeouts().connect()).isEqualTo(5000);
        ProxyConfig be3 = c.proxy("be3").orElseThrow();
        assertThat(be3.balance()).isEqualTo(BalanceAlgorithm.FIRST);
        assertThat(be3.redispatch()).isFalse();
        assertThat(be.redispatchInterval()).isEqualTo(-1);
        assertThat(c.proxy("be5").orElseThrow().redispatchInterval()).isEqualTo(2);
        assertThat(c.proxy("be6").orElseThrow().redispatch()).as("option redispatch 0 disables it").isFalse();
        assertThat(be3.timeouts().connect()).isZero();
    }

    @Test
    void retryOnTakesTheTcpEventsAndNamesTheHttpOnes() throws ConfigException {
        Config c = parse("""
                defaults
                    retry-on conn-failure empty-response
                backend a
                    server s1 127.0.0.1:80
                backend b
                    retry-on none
                    server s1 127.0.0.1:80
                backend c
                    retry-on all-retryable-errors
                    server s1 127.0.0.1:80
                """);
        assertThat(c.proxy("a").orElseThrow().retryOn()).containsExactlyInAnyOrder(RetryOn.CONN_FAILURE, RetryOn.EMPTY_RESPONSE);
        assertThat(c.proxy("b").orElseThrow().retryOn()).isEmpty();
        assertThat(c.proxy("c").orElseThrow().retryOn()).containsExactlyInAnyOrder(RetryOn.values());
        assertThat(parse("backend d\n  server s1 127.0.0.1:80\n").proxy("d").orElseThrow().retryOn())
                .as("HAProxy's default").containsExactly(RetryOn.CONN_FAILURE);
        assertThatThrownBy(() -> parse("backend e\n  retry-on 503\n")).hasMessageContaining("'retry-on'")
                .hasMessageContaining("retrying on status '503' is not implemented");
        assertThatThrownBy(() -> parse("backend e\n  retry-on junk-response\n")).hasMessageContaining("'junk-response' is not implemented");
        assertThatThrownBy(() -> parse("backend e\n  retry-on none conn-failure\n")).hasMessageContaining("'none' cannot be combined");
        assertThatThrownBy(() -> parse("backend e\n  retry-on sometimes\n")).hasMessageContaining("unknown keyword 'sometimes'");
    }

    @Test
    void listenSectionsAreFrontendAndBackend() throws ConfigException {
        Config c = parse("""
                listen both
                    bind 127.0.0.1:7100
                    balance source
                    server a 127.0.0.1:1 backup
                    server b 127.0.0.1:2 disabled maxconn 10 maxqueue 5 weight 0
                """);
        assertThat(c.frontends()).extracting(ProxyConfig::name).containsExactly("both");
        assertThat(c.backends()).extracting(ProxyConfig::name).containsExactly("both");
        var b = c.proxy("both").orElseThrow().server("b").orElseThrow();
        assertThat(b.disabled()).isTrue();
        assertThat(b.maxconn()).isEqualTo(10);
        assertThat(b.maxqueue()).isEqualTo(5);
        assertThat(b.weight()).isZero();
        assertThat(c.proxy("both").orElseThrow().server("a").orElseThrow().backup()).isTrue();
    }

    @Test
    void serverCheckAndAgentOptions() throws ConfigException {
        Config c = parse("""
                backend be
                    option allbackups
                    default-server inter 3s fastinter 1s downinter 10s rise 3 fall 4
                    server s1 10.0.0.1:3306 check port 9200 addr 127.0.0.9 agent-check agent-port 9300 agent-inter 500ms on-marked-up shutdown-backup-sessions
                    server s2 10.0.0.2:3306 check inter 100
                """);
        ProxyConfig be = c.proxy("be").orElseThrow();
        assertThat(be.allBackups()).isTrue();
        var s1 = be.server("s1").orElseThrow();
        assertThat(s1.checkHost()).isEqualTo("127.0.0.9");
        assertThat(s1.effectiveCheckPort()).isEqualTo(9200);
        assertThat(s1.inter()).isEqualTo(3000);
        assertThat(s1.effectiveFastinter()).isEqualTo(1000);
        assertThat(s1.effectiveDowninter()).isEqualTo(10_000);
        assertThat(s1.rise()).isEqualTo(3);
        assertThat(s1.fall()).isEqualTo(4);
        assertThat(s1.agentCheck()).isTrue();
        assertThat(s1.agentPort()).isEqualTo(9300);
        assertThat(s1.agentInter()).isEqualTo(500);
        assertThat(s1.agentHost()).isEqualTo("127.0.0.9");
        assertThat(s1.shutdownBackupSessionsOnUp()).isTrue();
        assertThat(be.server("s2").orElseThrow().inter()).isEqualTo(100);
    }

    @Test
    void healthCheckOptions() throws ConfigException {
        Config c = parse("""
                backend web
                    option httpchk HEAD /health HTTP/1.1
                    http-check expect ! rstatus ^5
                backend tcp
                    option tcp-check
                    tcp-check connect port 6379
                    tcp-check send PING\\r\\n
                    tcp-check expect string +PONG
                    tcp-check send-binary 0a0b
                    tcp-check expect ! binary ff
                backend db
                    option mysql-check user haproxy
                backend plain
                    option httpchk
                """);
        HttpCheckConfig http = c.proxy("web").orElseThrow().healthCheck().http();
        assertThat(http.method()).isEqualTo("HEAD");
        assertThat(http.version()).isEqualTo("HTTP/1.1");
        assertThat(http.expect()).isEqualTo(new HttpCheckConfig.Expect(true, HttpCheckConfig.Expect.Kind.RSTATUS, "^5"));
        List<TcpCheckRule> rules = c.proxy("tcp").orElseThrow().healthCheck().tcpRules();
        assertThat(rules).extracting(TcpCheckRule::action).containsExactly(TcpCheckRule.Action.CONNECT,
                TcpCheckRule.Action.SEND, TcpCheckRule.Action.EXPECT, TcpCheckRule.Action.SEND, TcpCheckRule.Action.EXPECT);
        assertThat(rules.get(0).port()).isEqualTo(6379);
        assertThat(new String(rules.get(1).data())).isEqualTo("PING\r\n");
        assertThat(rules.get(3).data()).containsExactly(0x0a, 0x0b);
        assertThat(rules.get(4).negated()).isTrue();
        assertThat(c.proxy("db").orElseThrow().healthCheck().type()).isEqualTo(CheckType.MYSQL);
        assertThat(c.proxy("db").orElseThrow().healthCheck().mysqlUser()).isEqualTo("haproxy");
        assertThat(c.proxy("plain").orElseThrow().healthCheck().http()).isEqualTo(HttpCheckConfig.DEFAULT);
    }

    @Test
    void conditionsCombineAndOrNotAndAnonymousAcls() throws ConfigException {
        Config c = parse("""
                frontend fe
                    bind 127.0.0.1:7200
                    acl a always_true
                    acl b src -m ip 10.0.0.0/8
                    use_backend x if a !b || { dst_port 7200 } b
                    use_backend x unless a
                backend x
                    server s 127.0.0.1:1
                """);
        var rules = c.proxy("fe").orElseThrow().useBackends();
        var cond = rules.get(0).condition();
        assertThat(cond.anyOf()).hasSize(2);
        assertThat(cond.anyOf().get(0)).extracting(t -> t.aclName() + ":" + t.negated()).containsExactly("a:false", "b:true");
        assertThat(cond.anyOf().get(1).get(0).anonymous().fetch()).isEqualTo("dst_port");
        assertThat(rules.get(1).condition().unless()).isTrue();
        assertThat(c.proxy("fe").orElseThrow().acl("b").orElseThrow().flags()).containsExactly("-m", "ip");
    }

    @Test
    void severalFilesLoadInOrder() throws ConfigException {
        Config c = new ConfigParser(Map.of()).parse(List.of(
                new ConfigParser.Source("a.cfg", "defaults\n  timeout connect 1s\n"),
                new ConfigParser.Source("b.cfg", "backend be\n  server s 127.0.0.1:1\n")));
        assertThat(c.proxy("be").orElseThrow().timeouts().connect()).isEqualTo(1000);
        assertThat(c.files()).containsExactly("a.cfg", "b.cfg");
    }
}
