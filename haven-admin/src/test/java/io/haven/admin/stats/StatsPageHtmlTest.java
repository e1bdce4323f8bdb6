package io.haven.admin.stats;

import io.haven.core.http.TestTxn;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.core.http.HttpReply;
import io.haven.core.server.CheckResult;
import io.haven.core.server.CheckStatus;
import io.haven.core.server.Server;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML page, rendered from a generation built from configuration text. */
class StatsPageHtmlTest {

    /** The text of cell {@code cls} in the row of server (or FRONTEND/BACKEND) {@code sv} of proxy {@code px}. */
    static String cell(String html, String px, String sv, String cls) {
        int table = html.indexOf("data-proxy=\"" + px + "\"");
        assertThat(table).as("table of " + px).isNotNegative();
        int end = html.indexOf("</table>", table);
        int row = html.indexOf("data-sv=\"" + sv + "\"", table);
        assertThat(row).as("row " + sv + " in " + px).isBetween(table, end);
        Matcher m = Pattern.compile("<td class=\"" + cls + "\"[^>]*>([^<]*)</td>").matcher(html);
        assertThat(m.find(row)).as("cell " + cls).isTrue();
        return m.group(1);
    }

    static String rowClass(String html, String px, String sv) {
        int table = html.indexOf("data-proxy=\"" + px + "\"");
        Matcher m = Pattern.compile("<tr class=\"([^\"]*)\" data-sv=\"" + Pattern.quote(sv) + "\">").matcher(html);
        assertThat(m.find(table)).isTrue();
        return m.group(1);
    }

    @Test
    void showsEveryProxyWithItsServersStatesChecksAndCounters() throws Exception {
        StatsFixture f = new StatsFixture(StatsFixture.config("    stats enable\n    stats uri /st\n"));
        Server s1 = f.gen.backend("be").orElseThrow().server("s1").orElseThrow();
        Server s2 = f.gen.backend("be").orElseThrow().server("s2").orElseThrow();
        s1.onCheckResult(new CheckResult(CheckStatus.L7OK, 200, "OK", 3));
        for (int i = 0; i < 3; i++) {
            s2.onCheckResult(CheckResult.of(CheckStatus.L4CON, "Connection refused", 0));
        }
        s1.counters().bytesIn.add(1234);
        HttpReply r = f.serve(TestTxn.get("/st"));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers().first("Content-Type")).startsWith("text/html");
        String html = StatsFixture.text(r);
        assertThat(html).contains("<h1>Haven 9.9.9-test</h1>");
        assertThat(cell(html, "st", "FRONTEND", "status")).isEqualTo("OPEN");
        assertThat(cell(html, "be", "s1", "status")).isEqualTo("UP");
        assertThat(cell(html, "be", "s1", "lastchk")).isEqualTo("L7OK/200 in 3ms");
        assertThat(cell(html, "be", "s1", "weight")).isEqualTo("10");
        assertThat(cell(html, "be", "s1", "bin")).isEqualTo("1234");
        assertThat(cell(html, "be", "s1", "act")).isEqualTo("Y");
        assertThat(rowClass(html, "be", "s1")).isEqualTo("server state-up");
        assertThat(cell(html, "be", "s2", "status")).isEqualTo("DOWN");
        assertThat(cell(html, "be", "s2", "lastchk")).isEqualTo("L4CON in 0ms");
        assertThat(cell(html, "be", "s2", "bck")).isEqualTo("Y");
        assertThat(cell(html, "be", "s2", "chkdown")).isEqualTo("1");
        assertThat(rowClass(html, "be", "s2")).isEqualTo("server state-down");
        assertThat(html).contains("title=\"Layer4 connection problem: Connection refused\"");
        assertThat(cell(html, "be", "s3", "status")).isEqualTo("no check");
        assertThat(cell(html, "be", "BACKEND", "status")).isEqualTo("UP");
        assertThat(html.indexOf("data-sv=\"s1\"")).isLessThan(html.indexOf("data-sv=\"s2\""));
    }

    @Test
    void statesFromTheRuntimeApiShowWithTheirColours() throws Exception {
        StatsFixture f = new StatsFixture(StatsFixture.config("    stats enable\n"));
        f.gen.backend("be").orElseThrow().server("s1").orElseThrow().setDrain(true);
        f.gen.backend("be").orElseThrow().server("s3").orElseThrow().setMaintenance(true);
        String html = StatsFixture.text(f.serve(TestTxn.get("/haproxy?stats")));
        assertThat(cell(html, "be", "s1", "status")).isEqualTo("DRAIN");
        assertThat(rowClass(html, "be", "s1")).contains("state-drain");
        assertThat(cell(html, "be", "s3", "status")).isEqualTo("MAINT");
        assertThat(rowClass(html, "be", "s3")).contains("state-maint");
    }

    @Test
    void showsTheReplicationLagOfMysqlLagCheckedServers() throws Exception {
        StatsFixture f = new StatsFixture("""
                listen st
                    mode http
                    bind 127.0.0.1:18404
                    stats enable
                backend db
                    option mysql-lag-check user haven max-lag 1s
                    server r1 127.0.0.1:3307 check
                    server r2 127.0.0.1:3308 check
                backend web
                    server w1 127.0.0.1:8080 check
                """);
        f.gen.backend("db").orElseThrow().server("r1").orElseThrow().reportReplicationLag(1234);
        String html = StatsFixture.text(f.serve(TestTxn.get("/haproxy?stats")));
        assertThat(cell(html, "db", "r1", "lag")).isEqualTo("1.234s");
        assertThat(cell(html, "db", "r2", "lag")).isEqualTo("unknown");
        assertThat(cell(html, "web", "w1", "lag")).isEmpty();
    }

    @Test
    void refreshesItselfUnlessAskedNotTo() throws Exception {
        StatsFixture f = new StatsFixture(StatsFixture.config("    stats uri /st\n    stats refresh 5s\n"));
        String html = StatsFixture.text(f.serve(TestTxn.get("/st")));
        assertThat(html).contains("<meta http-equiv=\"refresh\" content=\"5\"");
        assertThat(html).contains("href=\"/st;norefresh\"");
        String stopped = StatsFixture.text(f.serve(TestTxn.get("/st;norefresh")));
        assertThat(stopped).doesNotContain("http-equiv=\"refresh\"");
        String never = StatsFixture.text(new StatsFixture(StatsFixture.config("    stats uri /st\n")).serve(TestTxn.get("/st")));
        assertThat(never).doesNotContain("http-equiv=\"refresh\"");
    }

    @Test
    void scopeShowsOnlyTheNamedProxiesAndHideVersionHidesIt() throws Exception {
        StatsFixture f = new StatsFixture(StatsFixture.config("    stats scope .\n    stats hide-version\n"));
        String html = StatsFixture.text(f.serve(TestTxn.get("/haproxy?stats")));
        assertThat(html).contains("data-proxy=\"st\"").doesNotContain("data-proxy=\"be\"");
        assertThat(html).contains("<h1>Haven</h1>").doesNotContain("9.9.9-test");
        StatsFixture g = new StatsFixture(StatsFixture.config("    stats scope be\n"));
        assertThat(StatsFixture.text(g.serve(TestTxn.get("/haproxy?stats"))))
                .contains("data-proxy=\"be\"").doesNotContain("data-proxy=\"st\"");
    }

    @Test
    void namesAreEscaped() {
        assertThat(StatsHtml.esc("<a href=\"x\">&'")).isEqualTo("&lt;a href=&quot;x&quot;&gt;&amp;&#39;");
        assertThat(StatsHtml.duration("59")).isEqualTo("59s");
        assertThat(StatsHtml.duration("192")).isEqualTo("3m12s");
        assertThat(StatsHtml.duration("7260")).isEqualTo("2h1m");
        assertThat(StatsHtml.duration("97200")).isEqualTo("1d3h");
    }
}
