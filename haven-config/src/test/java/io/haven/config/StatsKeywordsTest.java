package io.haven.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.config.model.StatsConfig;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code stats} keywords of proxy sections. The proxies here are tcp ones, so the tests hold
 * whether or not {@code mode http} is parsed yet: the model does not depend on the mode (the
 * runtime refuses a stats page on a tcp proxy).
 */
class StatsKeywordsTest {

    private static StatsConfig stats(String body) throws ConfigException {
        return new ConfigParser(Map.of()).parseText("t.cfg", "listen st\n  bind 127.0.0.1:8404\n" + body)
                .proxy("st").orElseThrow().stats();
    }

    @Test
    void disabledWithoutAnyStatsLine() throws ConfigException {
        assertThat(stats("")).isEqualTo(StatsConfig.DISABLED);
        assertThat(StatsConfig.DISABLED.enabled()).isFalse();
    }

    @Test
    void enableAloneKeepsHaproxyDefaults() throws ConfigException {
        StatsConfig s = stats("  stats enable\n");
        assertThat(s.enabled()).isTrue();
        assertThat(s.uri()).isEqualTo("/haproxy?stats");
        assertThat(s.realm()).isEqualTo("HAProxy Statistics");
        assertThat(s.users()).isEmpty();
        assertThat(s.refreshMs()).isZero();
        assertThat(s.admin()).isNull();
        assertThat(s.location()).hasToString("t.cfg:3");
    }

    @Test
    void everySettingIsRead() throws ConfigException {
        StatsConfig s = stats("""
                  acl local src 127.0.0.1
                  stats uri /st
                  stats realm Haven\\ Stats
                  stats auth admin:s3cret
                  stats auth ops:pa:ss
                  stats refresh 5s
                  stats admin if local
                  stats hide-version
                  stats show-legends
                  stats scope .
                  stats scope be
                """);
        assertThat(s.enabled()).isTrue();
        assertThat(s.uri()).isEqualTo("/st");
        assertThat(s.realm()).isEqualTo("Haven Stats");
        assertThat(s.users()).containsExactly(new StatsConfig.StatsUser("admin", "s3cret"),
                new StatsConfig.StatsUser("ops", "pa:ss"));
        assertThat(s.refreshMs()).isEqualTo(5000);
        assertThat(s.admin().unless()).isFalse();
        assertThat(s.admin().anyOf().get(0).get(0).aclName()).isEqualTo("local");
        assertThat(s.adminAt()).hasToString("t.cfg:9");
        assertThat(s.hideVersion()).isTrue();
        assertThat(s.showLegends()).isTrue();
        assertThat(s.scopes()).isEqualTo(List.of(".", "be"));
        assertThat(s.location()).hasToString("t.cfg:4");
    }

    @Test
    void anyStatsLineEnablesThePage() throws ConfigException {
        assertThat(stats("  stats uri /x\n").enabled()).isTrue();
        assertThat(stats("  stats auth a:b\n").enabled()).isTrue();
        assertThat(stats("  stats hide-version\n").enabled()).isTrue();
    }

    @Test
    void defaultsAreInherited() throws ConfigException {
        var c = new ConfigParser(Map.of()).parseText("t.cfg", """
                defaults
                  stats enable
                  stats uri /from-defaults
                listen a
                  bind 127.0.0.1:1
                defaults
                listen b
                  bind 127.0.0.1:2
                """);
        assertThat(c.proxy("a").orElseThrow().stats().uri()).isEqualTo("/from-defaults");
        assertThat(c.proxy("b").orElseThrow().stats().enabled()).isFalse();
    }

    @Test
    void errorsNameFileLineAndKeyword() {
        assertThatThrownBy(() -> stats("  stats show-node\n")).hasMessageContaining("t.cfg:3")
                .hasMessageContaining("'stats show-node' is not implemented");
        assertThatThrownBy(() -> stats("  stats http-request deny\n")).hasMessageContaining("'stats http-request' is not implemented");
        assertThatThrownBy(() -> stats("  stats bogus\n")).hasMessageContaining("unknown keyword 'stats bogus'");
        assertThatThrownBy(() -> stats("  stats\n")).hasMessageContaining("missing argument");
        assertThatThrownBy(() -> stats("  stats auth nopassword\n")).hasMessageContaining("expects USER:PASSWORD");
        assertThatThrownBy(() -> stats("  stats uri stats\n")).hasMessageContaining("must start with '/'");
        assertThatThrownBy(() -> stats("  stats refresh soon\n")).hasMessageContaining("invalid value 'soon'");
        assertThatThrownBy(() -> stats("  stats admin\n")).hasMessageContaining("expects 'if' or 'unless'");
        assertThatThrownBy(() -> stats("  stats admin when TRUE\n")).hasMessageContaining("unexpected 'when'");
        assertThatThrownBy(() -> stats("  stats enable now\n")).hasMessageContaining("unexpected argument 'now'");
        assertThatThrownBy(() -> new ConfigParser(Map.of()).parseText("t.cfg", "defaults\n  stats admin if TRUE\n"))
                .hasMessageContaining("t.cfg:2").hasMessageContaining("not allowed in a 'defaults' section");
    }
}
