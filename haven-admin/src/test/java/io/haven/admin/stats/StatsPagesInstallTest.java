package io.haven.admin.stats;

import io.haven.core.http.TestTxn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.config.ConfigException;
import io.haven.core.Generation;
import io.haven.core.http.HttpService;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Where pages are installed, what they answer, and the configurations that cannot have one. */
class StatsPagesInstallTest {

    @Test
    void installedOnProxiesWithStatsOnly() throws Exception {
        StatsFixture f = new StatsFixture("""
                defaults
                    mode http
                frontend fe
                    bind 127.0.0.1:18080
                    default_backend be
                backend be
                    stats enable
                    server s1 127.0.0.1:9001
                listen plain
                    bind 127.0.0.1:18081
                    server s1 127.0.0.1:9001
                """);
        assertThat(f.gen.frontend("fe").orElseThrow().httpServices()).isEmpty();
        assertThat(f.gen.backend("be").orElseThrow().httpServices()).hasSize(1);
        assertThat(f.gen.frontend("plain").orElseThrow().httpServices()).isEmpty();
        assertThat(f.gen.backend("plain").orElseThrow().httpServices()).isEmpty();
    }

    @Test
    void answersTheStatsUriPrefixOnly() throws Exception {
        StatsFixture f = new StatsFixture(StatsFixture.config("    stats uri /admin/stats\n"));
        HttpService page = f.page("st");
        assertThat(page.matches(TestTxn.get("/admin/stats"))).isTrue();
        assertThat(page.matches(TestTxn.get("/admin/stats;csv"))).isTrue();
        assertThat(page.matches(TestTxn.get("/admin/stats?x=1"))).isTrue();
        assertThat(page.matches(TestTxn.get("http://lb.example/admin/stats;json"))).isTrue();
        assertThat(page.matches(TestTxn.get("/metrics"))).as("HAProxy's stats page does not serve /metrics").isFalse();
        assertThat(page.matches(TestTxn.get("/admin"))).isFalse();
        assertThat(page.matches(TestTxn.get("/"))).isFalse();
        StatsFixture d = new StatsFixture(StatsFixture.config("    stats enable\n"));
        assertThat(d.page("st").matches(TestTxn.get("/haproxy?stats"))).isTrue();
        assertThat(d.page("st").matches(TestTxn.get("/haproxy"))).isFalse();
    }

    @Test
    void aTcpProxyCannotHaveAStatsPage() {
        assertThatThrownBy(() -> new StatsFixture("""
                listen st
                    mode tcp
                    bind 127.0.0.1:18404
                    stats enable
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("t.cfg:4")
                .hasMessageContaining("needs 'mode http'");
    }

    @Test
    void statsAdminNeedsKnownAcls() {
        assertThatThrownBy(() -> new StatsFixture(StatsFixture.config("    stats admin if nosuch\n")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("t.cfg:6")
                .hasMessageContaining("stats admin").hasMessageContaining("no such ACL : 'nosuch'");
    }

    @Test
    void showsTheLiveGenerationOnceItIsNewer() throws Exception {
        AtomicReference<Generation> live = new AtomicReference<>();
        StatsFixture f = new StatsFixture(StatsFixture.config("    stats uri /st\n"), live::get);
        f.gen.backend("be").orElseThrow().server("s1").orElseThrow().setMaintenance(true);
        assertThat(StatsPageHtmlTest.cell(StatsFixture.text(f.serve(TestTxn.get("/st"))), "be", "s1", "status"))
                .isEqualTo("MAINT");
        live.set(f.gen);
        Generation reloaded = StatsFixture.next(f.gen.config(), f.gen);
        live.set(reloaded);
        reloaded.backend("be").orElseThrow().server("s1").orElseThrow().setReady();
        // a keep-alive connection of the old generation sees (and administers) the servers of now
        assertThat(StatsPageHtmlTest.cell(StatsFixture.text(f.serve(TestTxn.get("/st"))), "be", "s1", "status"))
                .isNotEqualTo("MAINT");
    }
}
