package io.haven.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.config.model.CheckType;
import io.haven.config.model.Config;
import io.haven.config.model.ProxyConfig;
import io.haven.config.model.ServerConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** GitHub's published context-aware MySQL pools configuration loads with HAProxy's meaning. */
class GitHubSampleTest {
    static final String SAMPLE = """
            frontend mysql_ro
              bind 127.0.0.1:13306
              mode tcp
              acl mysql_not_enough_capacity nbsrv(mysql_ro_main) lt 2
              use_backend mysql_ro_backup if mysql_not_enough_capacity
              default_backend mysql_ro_main

            backend mysql_ro_main
              mode tcp
              option httpchk GET /check-lag
              http-check disable-on-404
              default-server port 9876 fall 2 inter 5000 rise 1 downinter 5000 on-marked-down shutdown-sessions weight 10
              server my-db-0001 127.0.0.1:3306 check
              server my-db-0002 127.0.0.2:3306 check
              server my-db-0003 127.0.0.3:3306 check

            backend mysql_ro_backup
              mode tcp
              option httpchk GET /ignore-lag
              http-check disable-on-404
              default-server port 9876 fall 2 inter 5000 rise 1 downinter 5000 on-marked-down shutdown-sessions weight 10
              server my-db-0001 127.0.0.1:3306 check
              server my-db-0002 127.0.0.2:3306 check
              server my-db-0003 127.0.0.3:3306 check
            """;

    @Test
    void loadsWithDefaultServerAppliedToEveryServer() throws ConfigException {
        Config c = new ConfigParser(Map.of()).parseText("github.cfg", SAMPLE);
        ProxyConfig fe = c.proxy("mysql_ro").orElseThrow();
        assertThat(fe.defaultBackend()).isEqualTo("mysql_ro_main");
        assertThat(fe.useBackends()).singleElement().satisfies(r -> {
            assertThat(r.backend()).isEqualTo("mysql_ro_backup");
            assertThat(r.condition().unless()).isFalse();
            assertThat(r.condition().anyOf().get(0).get(0).aclName()).isEqualTo("mysql_not_enough_capacity");
        });
        assertThat(fe.acl("mysql_not_enough_capacity").orElseThrow()).satisfies(a -> {
            assertThat(a.fetch()).isEqualTo("nbsrv");
            assertThat(a.fetchArgs()).containsExactly("mysql_ro_main");
            assertThat(a.values()).containsExactly("lt", "2");
        });
        ProxyConfig main = c.proxy("mysql_ro_main").orElseThrow();
        assertThat(main.healthCheck().type()).isEqualTo(CheckType.HTTP);
        assertThat(main.healthCheck().http().method()).isEqualTo("GET");
        assertThat(main.healthCheck().http().uri()).isEqualTo("/check-lag");
        assertThat(main.healthCheck().http().disableOn404()).isTrue();
        assertThat(c.proxy("mysql_ro_backup").orElseThrow().healthCheck().http().uri()).isEqualTo("/ignore-lag");
        ServerConfig s = main.servers().get(1);
        assertThat(s.check()).isTrue();
        assertThat(s.effectiveCheckPort()).isEqualTo(9876);
        assertThat(s.port()).isEqualTo(3306);
        assertThat(s.fall()).isEqualTo(2);
        assertThat(s.rise()).isEqualTo(1);
        assertThat(s.inter()).isEqualTo(5000);
        assertThat(s.effectiveDowninter()).isEqualTo(5000);
        assertThat(s.effectiveFastinter()).isEqualTo(5000);
        assertThat(s.shutdownSessionsOnDown()).isTrue();
        assertThat(s.weight()).isEqualTo(10);
    }
}
