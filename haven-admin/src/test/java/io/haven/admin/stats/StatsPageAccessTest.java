package io.haven.admin.stats;

import io.haven.core.http.TestTxn;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.core.http.HttpReply;
import io.haven.core.server.Server;
import io.haven.core.server.ServerStatus;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** {@code stats auth} and {@code stats admin}: who sees the page and who changes servers from it. */
class StatsPageAccessTest {

    private static String basic(String userPass) {
        return "Basic " + Base64.getEncoder().encodeToString(userPass.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void authAsksForCredentialsWithTheRealmAndLetsKnownUsersIn() throws Exception {
        StatsFixture f = new StatsFixture(StatsFixture.config(
                "    stats uri /st\n    stats realm Haven\\ Stats\n    stats auth admin:s3cret\n    stats auth ops:other\n"));
        HttpReply none = f.serve(TestTxn.get("/st"));
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.headers().first("WWW-Authenticate")).isEqualTo("Basic realm=\"Haven Stats\"");
        assertThat(f.serve(TestTxn.get("/st", "Authorization: " + basic("admin:wrong"))).status()).isEqualTo(401);
        assertThat(f.serve(TestTxn.get("/st", "Authorization: " + "Basic !!notbase64")).status()).isEqualTo(401);
        assertThat(f.serve(TestTxn.get("/st", "Authorization: " + "Bearer abc")).status()).isEqualTo(401);
        assertThat(f.serve(TestTxn.get("/st;csv", "Authorization: " + basic("admin:s3cret"))).status()).isEqualTo(200);
        assertThat(f.serve(TestTxn.get("/st", "Authorization: " + basic("ops:other"))).status()).isEqualTo(200);
        assertThat(f.metrics().status()).as("the exporter is guarded by rules, not by stats auth, as in HAProxy").isEqualTo(200);
    }

    @Test
    void adminFormChangesServerStatesAndRedirectsWithTheResult() throws Exception {
        StatsFixture f = new StatsFixture(StatsFixture.config("    stats uri /st\n    stats admin if TRUE\n"));
        Server s1 = f.gen.backend("be").orElseThrow().server("s1").orElseThrow();
        Server s3 = f.gen.backend("be").orElseThrow().server("s3").orElseThrow();
        String html = StatsFixture.text(f.serve(TestTxn.get("/st")));
        assertThat(html).contains("<form method=\"post\" action=\"/st\">")
                .contains("<input type=\"checkbox\" name=\"s\" value=\"s1\">")
                .contains("<option value=\"drain\">");

        HttpReply r = f.serve("st", TestTxn.request("POST", "/st"), "s=s1&s=s3&action=drain&b=%23"
                + f.gen.backend("be").orElseThrow().id());
        assertThat(r.status()).isEqualTo(303);
        assertThat(r.headers().first("Location")).isEqualTo("/st;st=DONE");
        assertThat(s1.status()).isEqualTo(ServerStatus.DRAIN);
        assertThat(s3.status()).isEqualTo(ServerStatus.DRAIN);

        r = f.serve("st", TestTxn.request("POST", "/st"), "s=s1&s=nosuch&action=maint&b=be");
        assertThat(r.headers().first("Location")).isEqualTo("/st;st=PART");
        assertThat(s1.status()).isEqualTo(ServerStatus.MAINT);

        r = f.serve("st", TestTxn.request("POST", "/st"), "s=s1&action=ready&b=be");
        assertThat(r.headers().first("Location")).isEqualTo("/st;st=DONE");
        assertThat(s1.status()).isEqualTo(ServerStatus.UP);

        assertThat(f.serve("st", TestTxn.request("POST", "/st"), "action=maint&b=be")
                .headers().first("Location")).isEqualTo("/st;st=NONE");
        assertThat(f.serve("st", TestTxn.request("POST", "/st"), "s=s1&action=shutdown&b=be")
                .headers().first("Location")).isEqualTo("/st;st=ERRP");
        assertThat(f.serve("st", TestTxn.request("POST", "/st"), "s=s1&action=maint&b=nosuch")
                .headers().first("Location")).isEqualTo("/st;st=ERRP");
        assertThat(s1.status()).isEqualTo(ServerStatus.UP);

        String after = StatsFixture.text(f.serve(TestTxn.get("/st;st=DONE")));
        assertThat(after).contains("id=\"action-status\">[DONE] Action processed successfully.");
    }

    @Test
    void adminConditionIsEvaluatedPerRequest() throws Exception {
        StatsFixture f = new StatsFixture("""
                listen st
                    mode http
                    bind 127.0.0.1:18404
                    acl local src 127.0.0.0/8
                    stats uri /st
                    stats admin if local
                backend be
                    server s1 127.0.0.1:9001
                """);
        Server s1 = f.gen.backend("be").orElseThrow().server("s1").orElseThrow();
        HttpReply denied = f.serve("st", TestTxn.request("POST", "/st").from("192.0.2.7"), "s=s1&action=maint&b=be");
        assertThat(denied.status()).isEqualTo(303);
        assertThat(denied.headers().first("Location")).isEqualTo("/st;st=DENY");
        assertThat(s1.status()).isEqualTo(ServerStatus.UP);
        assertThat(StatsFixture.text(f.serve("st", TestTxn.request("GET", "/st").from("192.0.2.7"), null)))
                .doesNotContain("<form");
        f.serve("st", TestTxn.request("POST", "/st"), "s=s1&action=maint&b=be");
        assertThat(s1.status()).isEqualTo(ServerStatus.MAINT);
    }

    @Test
    void withoutStatsAdminNobodyChangesAnything() throws Exception {
        StatsFixture f = new StatsFixture(StatsFixture.config("    stats uri /st\n"));
        HttpReply r = f.serve("st", TestTxn.request("POST", "/st"), "s=s1&action=maint&b=be");
        assertThat(r.headers().first("Location")).isEqualTo("/st;st=DENY");
        assertThat(f.gen.backend("be").orElseThrow().server("s1").orElseThrow().status()).isEqualTo(ServerStatus.UP);
        assertThat(f.serve("st", TestTxn.request("DELETE", "/st"), null).status()).isEqualTo(405);
    }
}
