package io.haven.core;

import static io.haven.core.HttpConfigs.matches;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.config.ConfigException;
import io.haven.core.http.TestTxn;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ACLs on HTTP fetches: match methods, flags, shorthands, pattern files and converters. */
class HttpAclTest {
    @TempDir
    Path dir;

    private static Generation acl(String acl) throws ConfigException {
        return HttpConfigs.of("    acl a " + acl, "    use_backend other if a");
    }

    private static boolean test(String acl, TestTxn t) throws ConfigException {
        return matches(acl(acl), t);
    }

    @Test
    void pathShorthandsCarryTheirMatchMethod() throws ConfigException {
        TestTxn t = TestTxn.get("/static/img/logo.png?v=2");
        assertThat(test("path_beg /static/", t)).isTrue();
        assertThat(test("path_beg /img/", t)).isFalse();
        assertThat(test("path_end .png .jpg", t)).isTrue();
        assertThat(test("path_end .gif", t)).isFalse();
        assertThat(test("path_sub img/", t)).isTrue();
        assertThat(test("path_reg ^/static/.*\\.png$", t)).isTrue();
        assertThat(test("path_reg ^/img", t)).isFalse();
        assertThat(test("path_dir img", t)).isTrue();
        assertThat(test("path_dir im", t)).isFalse();
        assertThat(test("path_len 20", t)).isTrue();
        assertThat(test("path /static/img/logo.png", t)).isTrue();
        assertThat(test("url_beg /static/img/logo.png?", t)).isTrue();
    }

    @Test
    void explicitMatchMethods() throws ConfigException {
        TestTxn t = TestTxn.get("/a/b", "Host: www.Example.com", "X-Len: 12345", "X-Ip: 10.1.2.3");
        assertThat(test("hdr(host) -m str www.Example.com", t)).isTrue();
        assertThat(test("hdr(host) -m str www.example.com", t)).isFalse();
        assertThat(test("hdr(host) -i -m str www.example.com", t)).isTrue();
        assertThat(test("hdr(host) -m beg www.", t)).isTrue();
        assertThat(test("hdr(host) -m end .com", t)).isTrue();
        assertThat(test("hdr(host) -m sub Example", t)).isTrue();
        assertThat(test("hdr(host) -m reg -i ^WWW\\.", t)).isTrue();
        assertThat(test("hdr(host) -m dom example", t)).isFalse();
        assertThat(test("hdr(host) -i -m dom example", t)).isTrue();
        assertThat(test("hdr(host) -i -m dom xample", t)).isFalse();
        assertThat(test("hdr(x-len) -m len 5", t)).isTrue();
        assertThat(test("hdr(x-len) -m len 6:", t)).isFalse();
        assertThat(test("hdr(x-len) -m int gt 12000", t)).isTrue();
        assertThat(test("hdr(x-len) -m int lt 12000", t)).isFalse();
        assertThat(test("hdr(x-ip) -m ip 10.0.0.0/8", t)).isTrue();
        assertThat(test("hdr(x-ip) -m ip 192.168.0.0/16", t)).isFalse();
        assertThat(test("hdr(x-len) -m found", t)).isTrue();
        assertThat(test("hdr(x-nope) -m found", t)).isFalse();
        assertThat(test("path -m dir b", t)).isTrue();
        assertThat(test("hdr(host) -n -m str www.Example.com", t)).as("-n is accepted").isTrue();
    }

    @Test
    void headerShorthandsTryEveryValue() throws ConfigException {
        TestTxn t = TestTxn.get("/", "X-Forwarded-For: 10.0.0.1, 192.168.1.1", "Accept: text/html");
        assertThat(test("hdr_beg(x-forwarded-for) 192.168.", t)).as("second value of the line").isTrue();
        assertThat(test("hdr_ip(x-forwarded-for) 10.0.0.0/8", t)).isTrue();
        assertThat(test("hdr_sub(accept) html", t)).isTrue();
        assertThat(test("hdr_end(accept) xml", t)).isFalse();
        assertThat(test("hdr_reg(accept) ^text/", t)).isTrue();
        assertThat(test("hdr_dom(x-forwarded-for) 168", t)).isTrue();
        assertThat(test("hdr_len(accept) 9", t)).isTrue();
        assertThat(test("hdr_cnt(x-forwarded-for) eq 2", t)).isTrue();
        assertThat(test("hdr_val(x-forwarded-for) gt 100", t)).as("'10.0.0.1' reads as 10, '192.168.1.1' as 192").isTrue();
    }

    @Test
    void otherHttpFetchesInAcls() throws ConfigException {
        TestTxn t = TestTxn.request("DELETE", "/x?user=admin", "Host: a.example");
        assertThat(test("method DELETE PUT", t)).isTrue();
        assertThat(test("method GET", t)).isFalse();
        assertThat(test("url_param(user) admin", t)).isTrue();
        assertThat(test("query -m sub user=", t)).isTrue();
        assertThat(test("base a.example/x", t)).isTrue();
        assertThat(test("ssl_fc", t)).isFalse();
        assertThat(test("ssl_fc", TestTxn.get("/").secure(true))).isTrue();
        assertThat(test("src 127.0.0.0/8", t)).isTrue();
    }

    @Test
    void variablesMatchWithAnExplicitMethod() throws ConfigException {
        Generation g = HttpConfigs.of("    http-request set-var(txn.n) req.hdr(x-n)", "    acl big var(txn.n) -m int gt 10",
                "    use_backend other if big");
        TestTxn big = TestTxn.get("/", "X-N: 11");
        g.frontend("fe").orElseThrow().httpRules().onRequest(big);
        assertThat(matches(g, big)).isTrue();
        TestTxn small = TestTxn.get("/", "X-N: 9");
        g.frontend("fe").orElseThrow().httpRules().onRequest(small);
        assertThat(matches(g, small)).isFalse();
    }

    @Test
    void convertersApplyBeforeMatching() throws ConfigException {
        TestTxn t = TestTxn.get("/", "Host: WWW.EXAMPLE.COM");
        assertThat(test("hdr(host),lower www.example.com", t)).isTrue();
        assertThat(test("hdr(host),lower,field(1,.) www", t)).isTrue();
        assertThat(test("req.hdr(host),length gt 10", t)).isTrue();
    }

    @Test
    void patternsFromFilesWithComments() throws Exception {
        Path f = Files.writeString(dir.resolve("paths.lst"), "# blocked paths\n\n  /admin  \n/private\n");
        Path nets = Files.writeString(dir.resolve("nets.lst"), "10.0.0.0/8\n192.0.2.0/24\n");
        assertThat(test("path_beg -f " + f, TestTxn.get("/admin/x"))).isTrue();
        assertThat(test("path_beg -f " + f, TestTxn.get("/private"))).isTrue();
        assertThat(test("path_beg -f " + f, TestTxn.get("/public"))).isFalse();
        assertThat(test("path_beg -f " + f + " /public", TestTxn.get("/public"))).as("file and inline patterns together").isTrue();
        assertThat(test("src -f " + nets, TestTxn.get("/").from("192.0.2.9"))).isTrue();
        assertThat(test("src -f " + nets, TestTxn.get("/").from("198.51.100.1"))).isFalse();
    }

    @Test
    void aBadPatternInAFileNamesTheFileAndLine() throws Exception {
        Path nets = Files.writeString(dir.resolve("bad.lst"), "10.0.0.0/8\n# comment\nnot-an-ip\n");
        assertThatThrownBy(() -> acl("src -f " + nets)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("t.cfg:5").hasMessageContaining(nets + ":3").hasMessageContaining("not-an-ip");
        assertThatThrownBy(() -> acl("src -f " + dir.resolve("missing.lst"))).hasMessageContaining("cannot read pattern file");
    }

    @Test
    void unknownFetchesConvertersAndMethodsAreErrors() {
        assertThatThrownBy(() -> acl("cook(a) x")).hasMessageContaining("t.cfg:5").hasMessageContaining("unknown fetch method 'cook'");
        assertThatThrownBy(() -> acl("path,rot13 x")).hasMessageContaining("unknown converter 'rot13'");
        assertThatThrownBy(() -> acl("path -m glob x")).hasMessageContaining("'-m glob'");
        assertThatThrownBy(() -> acl("path_beg -M x")).hasMessageContaining("'-M' is not implemented");
        assertThatThrownBy(() -> acl("var(txn.x) 3")).hasMessageContaining("needs a match method");
    }
}
