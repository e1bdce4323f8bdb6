package io.haven.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.config.ConfigException;
import io.haven.core.http.HttpReply;
import io.haven.core.http.HttpRules;
import io.haven.core.http.TestTxn;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each http-request and http-response action, run through the rules a generation installs. */
class HttpRulesTest {
    @TempDir
    Path dir;

    private static HttpRules rules(String... lines) throws ConfigException {
        return HttpConfigs.of(lines).frontend("fe").orElseThrow().httpRules();
    }

    private static Optional<HttpReply> request(TestTxn t, String... lines) throws ConfigException {
        return rules(lines).onRequest(t);
    }

    private static String body(HttpReply r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void setAddAndDelHeader() throws ConfigException {
        TestTxn t = TestTxn.get("/p", "X-A: 1", "X-A: 2", "X-Trace-Id: t", "X-Trace-Span: s", "Keep: k");
        assertThat(request(t, "    http-request set-header X-A new",
                "    http-request add-header X-B %[path]-%[req.hdr(keep)]",
                "    http-request add-header X-B second",
                "    http-request del-header x-trace -m beg")).isEmpty();
        assertThat(t.request().headers().lines("x-a")).containsExactly("new");
        assertThat(t.request().headers().lines("x-b")).containsExactly("/p-k", "second");
        assertThat(t.request().headers().contains("x-trace-id")).isFalse();
        assertThat(t.request().headers().contains("x-trace-span")).isFalse();
        assertThat(t.request().headers().first("keep")).isEqualTo("k");
    }

    @Test
    void delHeaderByExactNameAndRegex() throws ConfigException {
        TestTxn t = TestTxn.get("/", "Server-Timing: x", "X-Powered-By: php", "Via: 1.1 a");
        request(t, "    http-request del-header x-powered-by", "    http-request del-header ^Server-.*$ -m reg");
        assertThat(t.request().headers().contains("x-powered-by")).isFalse();
        assertThat(t.request().headers().contains("server-timing")).isFalse();
        assertThat(t.request().headers().first("via")).isEqualTo("1.1 a");
    }

    @Test
    void replaceHeaderRewritesTheWholeLineWithBackReferences() throws ConfigException {
        TestTxn t = TestTxn.get("/", "Cookie: foo=bar; session=abc", "Cookie: other=1");
        request(t, "    http-request replace-header Cookie foo=([^;]*);(.*) foo=\\1;ip=%[src];\\2");
        assertThat(t.request().headers().lines("cookie")).containsExactly("foo=bar;ip=127.0.0.1; session=abc", "other=1");
    }

    @Test
    void replaceValueRewritesEachCommaSeparatedValue() throws ConfigException {
        TestTxn t = TestTxn.get("/", "X-Forwarded-For: 192.168.10.1, 192.168.13.24, 10.0.0.1");
        request(t, "    http-request replace-value X-Forwarded-For ^192\\.168\\.(.*)$ 172.16.\\1");
        assertThat(t.request().headers().first("x-forwarded-for")).isEqualTo("172.16.10.1, 172.16.13.24, 10.0.0.1");
    }

    @Test
    void setPathQueryUriAndMethod() throws ConfigException {
        TestTxn t = TestTxn.get("/old/page?a=1", "Host: h");
        request(t, "    http-request set-path /new%[path]");
        assertThat(t.request().uri()).isEqualTo("/new/old/page?a=1");
        request(t, "    http-request set-query %[query]&b=2");
        assertThat(t.request().uri()).isEqualTo("/new/old/page?a=1&b=2");
        request(t, "    http-request set-uri /x?%[url_param(b)]");
        assertThat(t.request().uri()).isEqualTo("/x?2");
        request(t, "    http-request set-method POST");
        assertThat(t.request().method()).isEqualTo("POST");
    }

    @Test
    void setVarThenUseItInLaterRulesAndConditions() throws ConfigException {
        TestTxn t = TestTxn.get("/", "Host: Example.COM");
        request(t, "    http-request set-var(txn.host) req.hdr(host),lower",
                "    http-request set-var(sess.seen) int(1)",
                "    http-request set-var-fmt(txn.both) %[var(txn.host)]:%[var(sess.seen)]",
                "    acl is_example var(txn.host) -m str example.com",
                "    http-request set-header X-Host %[var(txn.host)] if is_example",
                "    http-request unset-var(txn.both)");
        assertThat(t.txnVars()).containsEntry("txn.host", "example.com").doesNotContainKey("txn.both");
        assertThat(t.sessionVars()).containsEntry("sess.seen", 1L);
        assertThat(t.request().headers().first("x-host")).isEqualTo("example.com");
    }

    @Test
    void setVarConditions() throws ConfigException {
        TestTxn t = TestTxn.get("/", "X-Empty:", "X-Full: v");
        request(t, "    http-request set-var(txn.a,ifnotexists) str(first)",
                "    http-request set-var(txn.a,ifnotexists) str(second)",
                "    http-request set-var(txn.b,ifexists) str(never)",
                "    http-request set-var(txn.a,ifexists,ifnotempty) req.hdr(x-full)",
                "    http-request set-var(txn.c,ifnotempty) req.hdr(x-empty)",
                "    http-request set-var(txn.d,ifempty) req.hdr(x-empty)");
        assertThat(t.txnVars()).containsEntry("txn.a", "v").containsEntry("txn.d", "").doesNotContainKeys("txn.b", "txn.c");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> request(t, "    http-request set-var(txn.a,ifgt) int(1)"))
                .hasMessageContaining("set-var condition 'ifgt'");
    }

    @Test
    void denyWithDefaultAndChosenStatus() throws ConfigException {
        HttpReply r = request(TestTxn.get("/admin"), "    acl adm path_beg /admin", "    http-request deny if adm").orElseThrow();
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.reason()).isEqualTo("Forbidden");
        assertThat(r.body()).as("the error page for the status").isNull();
        assertThat(request(TestTxn.get("/public"), "    acl adm path_beg /admin", "    http-request deny if adm")).isEmpty();
        HttpReply r2 = request(TestTxn.get("/"), "    http-request deny deny_status 429 content-type text/plain string slow-down")
                .orElseThrow();
        assertThat(r2.status()).isEqualTo(429);
        assertThat(body(r2)).isEqualTo("slow-down");
        assertThat(r2.headers().first("content-type")).isEqualTo("text/plain");
    }

    @Test
    void rulesAfterAReplyDoNotRun() throws ConfigException {
        TestTxn t = TestTxn.get("/");
        request(t, "    http-request deny", "    http-request set-header X-After yes");
        assertThat(t.request().headers().contains("x-after")).isFalse();
    }

    @Test
    void allowStopsTheRuleList() throws ConfigException {
        TestTxn t = TestTxn.get("/", "X-Trusted: 1");
        Optional<HttpReply> r = request(t, "    acl trusted hdr(x-trusted) 1", "    http-request allow if trusted",
                "    http-request deny");
        assertThat(r).isEmpty();
        assertThat(request(TestTxn.get("/"), "    acl trusted hdr(x-trusted) 1", "    http-request allow if trusted",
                "    http-request deny")).isPresent();
    }

    @Test
    void returnWithStringLfStringFileAndHeaders() throws Exception {
        HttpReply r = request(TestTxn.get("/health"), "    http-request return status 200 content-type text/plain string ok hdr X-Path %[path]")
                .orElseThrow();
        assertThat(r.status()).isEqualTo(200);
        assertThat(body(r)).isEqualTo("ok");
        assertThat(r.headers().first("x-path")).isEqualTo("/health");
        HttpReply lf = request(TestTxn.get("/who?name=ann"), "    http-request return content-type text/plain lf-string \"hello %[url_param(name)]\"")
                .orElseThrow();
        assertThat(body(lf)).isEqualTo("hello ann");
        Path f = Files.writeString(dir.resolve("page.html"), "<h1>maintenance</h1>");
        HttpReply file = request(TestTxn.get("/"), "    http-request return status 503 content-type text/html file " + f).orElseThrow();
        assertThat(file.status()).isEqualTo(503);
        assertThat(body(file)).isEqualTo("<h1>maintenance</h1>");
        HttpReply empty = request(TestTxn.get("/"), "    http-request return status 204").orElseThrow();
        assertThat(empty.body()).isEmpty();
        HttpReply page = request(TestTxn.get("/"), "    http-request return status 404 default-errorfiles").orElseThrow();
        assertThat(page.body()).isNull();
    }

    @Test
    void redirectLocationPrefixAndScheme() throws ConfigException {
        HttpReply loc = request(TestTxn.get("/a?b=1"), "    http-request redirect location https://x.example%[path] code 301").orElseThrow();
        assertThat(loc.status()).isEqualTo(301);
        assertThat(loc.headers().first("location")).isEqualTo("https://x.example/a");
        HttpReply prefix = request(TestTxn.get("/a?b=1"), "    http-request redirect prefix https://new.example").orElseThrow();
        assertThat(prefix.status()).isEqualTo(302);
        assertThat(prefix.headers().first("location")).isEqualTo("https://new.example/a?b=1");
        HttpReply drop = request(TestTxn.get("/dir?b=1"), "    http-request redirect prefix /v2 drop-query append-slash code 308").orElseThrow();
        assertThat(drop.headers().first("location")).isEqualTo("/v2/dir/");
        HttpReply root = request(TestTxn.get("/x?y"), "    http-request redirect prefix / code 303").orElseThrow();
        assertThat(root.headers().first("location")).isEqualTo("/x?y");
        HttpReply scheme = request(TestTxn.get("/login?next=/", "Host: shop.example"),
                "    http-request redirect scheme https unless { ssl_fc }").orElseThrow();
        assertThat(scheme.headers().first("location")).isEqualTo("https://shop.example/login?next=/");
        assertThat(request(TestTxn.get("/", "Host: shop.example").secure(true), "    http-request redirect scheme https unless { ssl_fc }"))
                .isEmpty();
        HttpReply cookie = request(TestTxn.get("/"), "    http-request redirect location /in set-cookie SEEN=1 code 307").orElseThrow();
        assertThat(cookie.status()).isEqualTo(307);
        assertThat(cookie.headers().first("set-cookie")).startsWith("SEEN=1");
    }

    @Test
    void responseRulesSetStatusHeadersAndDenyWith502() throws ConfigException {
        HttpRules rules = rules("    acl not_found status 404",
                "    http-response set-status 200 reason Fine if not_found",
                "    http-response set-header X-Served-By %[res.hdr(server)]",
                "    http-response del-header server",
                "    http-response replace-value Cache-Control ^private$ public");
        TestTxn t = TestTxn.get("/").respond(404, "Server: nginx", "Cache-Control: private, no-store");
        assertThat(rules.onResponse(t)).isEmpty();
        assertThat(t.response().status()).isEqualTo(200);
        assertThat(t.response().reason()).isEqualTo("Fine");
        assertThat(t.response().headers().first("x-served-by")).isEqualTo("nginx");
        assertThat(t.response().headers().contains("server")).isFalse();
        assertThat(t.response().headers().first("cache-control")).isEqualTo("public, no-store");
        HttpReply denied = rules("    http-response deny if { status 500 }").onResponse(TestTxn.get("/").respond(500)).orElseThrow();
        assertThat(denied.status()).isEqualTo(502);
        assertThat(rules("    http-response set-status 201").onRequest(TestTxn.get("/"))).as("response rules do not run on requests").isEmpty();
    }

    @Test
    void backendRulesAreInstalledOnTheBackend() throws ConfigException {
        Generation g = Generations.of(HttpConfigs.config("", "    http-request set-header X-Backend other"));
        TestTxn t = TestTxn.get("/");
        g.backend("other").orElseThrow().httpRules().onRequest(t);
        assertThat(t.request().headers().first("x-backend")).isEqualTo("other");
        assertThat(g.backend("be").orElseThrow().httpRules()).isSameAs(HttpRules.NONE);
    }

    @Test
    void aListenSectionHasOneRuleSetOnBothHalves() throws ConfigException {
        Generation g = Generations.of(String.join("\n", "listen web", "    mode http", "    bind 127.0.0.1:18081",
                "    http-response set-header X-Listen yes", "    server s1 127.0.0.1:9001", ""));
        HttpRules rules = g.frontend("web").orElseThrow().httpRules();
        assertThat(g.backend("web").orElseThrow().httpRules()).isSameAs(rules);
        TestTxn t = TestTxn.get("/").respond(200);
        rules.onResponse(t);
        assertThat(t.response().headers().first("x-listen")).isEqualTo("yes");
    }
}
