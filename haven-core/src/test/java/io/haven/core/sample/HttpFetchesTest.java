package io.haven.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.core.acl.SampleType;
import io.haven.core.http.TestTxn;
import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** Each layer 7 fetch against a request and a response, as HAProxy defines it. */
class HttpFetchesTest {
    private final Exprs x = new Exprs();
    private final TestTxn txn = TestTxn.request("POST", "/api/v1/items?id=42&sort=asc&flag", "Host: example.com",
            "X-Forwarded-For: 10.0.0.1, 10.0.0.2", "X-Forwarded-For: 10.0.0.3", "Cookie: a=1").from("192.0.2.7");

    @Test
    void requestLineFetches() {
        assertThat(x.eval("method", txn)).isEqualTo("POST");
        assertThat(x.eval("path", txn)).isEqualTo("/api/v1/items");
        assertThat(x.eval("url", txn)).isEqualTo("/api/v1/items?id=42&sort=asc&flag");
        assertThat(x.eval("query", txn)).isEqualTo("id=42&sort=asc&flag");
        assertThat(x.eval("base", txn)).isEqualTo("example.com/api/v1/items");
        assertThat(x.eval("req.ver", txn)).isEqualTo("1.1");
        assertThat(x.eval("query", TestTxn.get("/plain"))).isNull();
        assertThat(x.eval("base", TestTxn.get("/p?q"))).isEqualTo("/p");
    }

    @Test
    void urlParamFindsTheFirstParameterOfThatName() {
        assertThat(x.eval("url_param(sort)", txn)).isEqualTo("asc");
        assertThat(x.eval("urlp(id)", txn)).isEqualTo("42");
        assertThat(x.eval("url_param(flag)", txn)).isEqualTo("");
        assertThat(x.eval("url_param(missing)", txn)).isNull();
        assertThat(x.eval("url_param(b,;)", TestTxn.get("/x?a=1;b=2"))).isEqualTo("2");
    }

    @Test
    void hdrReturnsTheLastValueOrTheOccurrenceAsked() {
        assertThat(x.eval("hdr(x-forwarded-for)", txn)).isEqualTo("10.0.0.3");
        assertThat(x.eval("hdr(X-Forwarded-For,1)", txn)).isEqualTo("10.0.0.1");
        assertThat(x.eval("req.hdr(x-forwarded-for,2)", txn)).isEqualTo("10.0.0.2");
        assertThat(x.eval("req.hdr(x-forwarded-for,-2)", txn)).isEqualTo("10.0.0.2");
        assertThat(x.eval("hdr(x-forwarded-for,9)", txn)).isNull();
        assertThat(x.eval("hdr(nope)", txn)).isNull();
        assertThat(x.eval("hdr_cnt(x-forwarded-for)", txn)).isEqualTo(3L);
        assertThat(x.eval("req.hdr_cnt(nope)", txn)).isEqualTo(0L);
        assertThat(x.eval("hdr_cnt", txn)).as("every value of every line").isEqualTo(5L);
    }

    @Test
    void responseFetchesSeeTheResponseOnceItArrived() {
        assertThat(x.eval("status", txn)).isNull();
        assertThat(x.eval("res.hdr(server)", txn)).isNull();
        txn.respond(404, "Server: nginx", "Set-Cookie: s=1");
        assertThat(x.eval("status", txn)).isEqualTo(404L);
        assertThat(x.eval("res.hdr(server)", txn)).isEqualTo("nginx");
        assertThat(x.eval("hdr(server)", txn)).as("hdr means res.hdr on responses").isEqualTo("nginx");
        assertThat(x.eval("req.hdr(host)", txn)).isEqualTo("example.com");
        assertThat(x.eval("res.hdr_cnt(set-cookie)", txn)).isEqualTo(1L);
    }

    @Test
    void connectionFetches() throws Exception {
        assertThat(x.eval("src", txn)).isEqualTo(InetAddress.getByName("192.0.2.7"));
        assertThat(x.eval("dst", txn)).isEqualTo(InetAddress.getLoopbackAddress());
        assertThat(x.eval("ssl_fc", txn)).isEqualTo(false);
        assertThat(x.eval("ssl_fc", TestTxn.get("/").secure(true))).isEqualTo(true);
    }

    @Test
    void varReadsEachScopeAndFallsBackToItsDefault() {
        txn.txnVars().put("txn.user", "bob");
        txn.sessionVars().put("sess.n", 3L);
        assertThat(x.eval("var(txn.user)", txn)).isEqualTo("bob");
        assertThat(x.eval("var(sess.n)", txn)).isEqualTo(3L);
        assertThat(x.eval("var(txn.none)", txn)).isNull();
        assertThat(x.eval("var(txn.none,fallback)", txn)).isEqualTo("fallback");
        assertThat(x.eval("var(sess.n)", txn.next("GET", "/"))).as("session variables outlive the transaction").isEqualTo(3L);
        assertThatThrownBy(() -> x.eval("var(global.x)", txn)).hasMessageContaining("proc, sess, txn, req or res");
    }

    @Test
    void typesAreDeclaredForDefaultMatchMethods() {
        assertThat(SampleExprCompiler.compile("status", x.lookup).type()).isEqualTo(SampleType.INT);
        assertThat(SampleExprCompiler.compile("ssl_fc", x.lookup).type()).isEqualTo(SampleType.BOOL);
        assertThat(SampleExprCompiler.compile("hdr(host),sha1", x.lookup).type()).isEqualTo(SampleType.BIN);
    }

    @Test
    void wrongArgumentsAndUnknownNamesAreErrorsNamingThem() {
        assertThatThrownBy(() -> x.eval("path(x)", txn)).hasMessageContaining("'path' takes no argument");
        assertThatThrownBy(() -> x.eval("hdr(a,0)", txn)).hasMessageContaining("occurrence");
        assertThatThrownBy(() -> x.eval("url_param", txn)).hasMessageContaining("url_param");
        assertThatThrownBy(() -> x.eval("cook(a)", txn)).hasMessageContaining("unknown fetch method 'cook'");
        assertThatThrownBy(() -> x.eval("path,rot13", txn)).hasMessageContaining("unknown converter 'rot13'");
        assertThat(x.eval("src,lower", txn)).as("an address casts to a string").isEqualTo("192.0.2.7");
    }

    @Test
    void aSampleThatCannotBeCastIsAnError(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path map = java.nio.file.Files.writeString(dir.resolve("nets.map"), "10.0.0.0/8 lan\n");
        assertThatThrownBy(() -> x.eval("ssl_fc,map_ip(" + map + ")", txn)).hasMessageContaining("cannot be applied on a sample of type 'bool'");
    }
}
