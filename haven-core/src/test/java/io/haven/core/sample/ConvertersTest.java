package io.haven.core.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.core.http.TestTxn;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Each converter with HAProxy's semantics; expected digests come from Python's hashlib and zlib. */
class ConvertersTest {
    private final Exprs x = new Exprs();
    private final TestTxn txn = TestTxn.get("/Hello/World?x=1", "X-Name: MiXeD Case", "X-Text: hello world",
            "X-Abc: abc", "X-Csv: a,b,,c,d", "X-B64: aGVsbG8gd29ybGQ=", "X-Num: 40", "X-Zero: 0");

    @Test
    void lowerAndUpper() {
        assertThat(x.eval("hdr(x-name),lower", txn)).isEqualTo("mixed case");
        assertThat(x.eval("hdr(x-name),upper", txn)).isEqualTo("MIXED CASE");
        assertThat(x.eval("hdr(x-name),length", txn)).isEqualTo(10L);
    }

    @Test
    void base64AndBack() {
        assertThat(x.eval("hdr(x-text),base64", txn)).isEqualTo("aGVsbG8gd29ybGQ=");
        assertThat(x.eval("hdr(x-b64),b64dec", txn)).isEqualTo("hello world".getBytes(StandardCharsets.US_ASCII));
        assertThat(x.eval("hdr(x-b64),b64dec,base64", txn)).isEqualTo("aGVsbG8gd29ybGQ=");
        assertThat(x.eval("hdr(x-name),b64dec", txn)).as("not base64: no sample").isNull();
    }

    @Test
    void hexSha1AndCrc32() {
        assertThat(x.eval("str(Hi),hex", txn)).isEqualTo("4869");
        assertThat(x.eval("hdr(x-abc),sha1,hex", txn)).isEqualTo("A9993E364706816ABA3E25717850C26C9CD0D89D");
        assertThat(x.eval("str(hello),crc32", txn)).isEqualTo(907060870L);
        assertThat(x.eval("str(hello),crc32(1)", txn)).isNotEqualTo(907060870L);
    }

    @Test
    void jsonEscapesAsHAProxy() {
        byte[] utf8 = "a\"b/c\\d\n\u00e9".getBytes(StandardCharsets.UTF_8);
        TestTxn t = TestTxn.get("/", "X-Json: " + new String(utf8, StandardCharsets.ISO_8859_1));
        assertThat(x.eval("hdr(x-json),json(utf8)", t)).isEqualTo("a\\\"b\\/c\\\\d\\n\\u00e9");
        assertThat(x.eval("hdr(x-json),json", t)).as("ascii by default").isEqualTo("a\\\"b\\/c\\\\d\\n\\u00c3\\u00a9");
        TestTxn bad = TestTxn.get("/", "X-Json: a\u00ffb");
        assertThat(x.eval("hdr(x-json),json(utf8)", bad)).as("invalid UTF-8 fails utf8").isNull();
        assertThat(x.eval("hdr(x-json),json(utf8s)", bad)).isEqualTo("ab");
        assertThat(x.eval("hdr(x-json),json(utf8p)", bad)).isEqualTo("a\\ufffdb");
    }

    @Test
    void regsubWithFlagsAndBackReferences() {
        assertThat(x.eval("path,regsub(/,_)", txn)).isEqualTo("_Hello/World");
        assertThat(x.eval("path,regsub(/,_,g)", txn)).isEqualTo("_Hello_World");
        assertThat(x.eval("path,regsub(hello,bye,i)", txn)).isEqualTo("/bye/World");
        assertThat(x.eval("path,regsub(\"^/([^/]*)/(.*)$\",\\2-\\1)", txn)).isEqualTo("World-Hello");
        assertThat(x.eval("hdr(x-text),regsub(o,0,g)", txn)).isEqualTo("hell0 w0rld");
    }

    @Test
    void fieldKeepsEmptyFieldsAndWordSkipsThem() {
        assertThat(x.eval("hdr(x-csv),field(3,\\,)", txn)).as("the header fetch splits on commas, so use a full header")
                .isNull();
        TestTxn t = TestTxn.get("/a/b//c/d");
        assertThat(x.eval("path,field(3,/)", t)).isEqualTo("b");
        assertThat(x.eval("path,field(4,/)", t)).isEqualTo("");
        assertThat(x.eval("path,word(3,/)", t)).isEqualTo("c");
        assertThat(x.eval("path,field(-1,/)", t)).isEqualTo("d");
        assertThat(x.eval("path,word(-2,/)", t)).isEqualTo("c");
        assertThat(x.eval("path,field(2,/,2)", t)).isEqualTo("a/b");
        assertThat(x.eval("path,word(2,/,0)", t)).isEqualTo("b//c/d");
        assertThat(x.eval("path,field(9,/)", t)).isNull();
        assertThatThrownBy(() -> x.eval("path,field(0,/)", t)).hasMessageContaining("must not be 0");
    }

    @Test
    void boolNotAddSub() {
        assertThat(x.eval("hdr(x-num),bool", txn)).isEqualTo(true);
        assertThat(x.eval("hdr(x-zero),bool", txn)).isEqualTo(false);
        assertThat(x.eval("hdr(x-num),not", txn)).isEqualTo(false);
        assertThat(x.eval("hdr(x-zero),not", txn)).isEqualTo(true);
        assertThat(x.eval("hdr(x-num),add(2)", txn)).isEqualTo(42L);
        assertThat(x.eval("hdr(x-num),sub(50)", txn)).isEqualTo(-10L);
        assertThat(x.eval("hdr(x-num),mul(3),neg", txn)).isEqualTo(-120L);
        assertThat(x.eval("str(9223372036854775807),add(1)", txn)).as("saturates").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void addAndSubTakeVariables() {
        txn.txnVars().put("txn.n", 5L);
        txn.sessionVars().put("sess.s", "7");
        assertThat(x.eval("hdr(x-num),add(txn.n)", txn)).isEqualTo(45L);
        assertThat(x.eval("hdr(x-num),sub(sess.s)", txn)).isEqualTo(33L);
        assertThat(x.eval("hdr(x-num),add(txn.missing)", txn)).as("a missing variable gives no sample").isNull();
        assertThatThrownBy(() -> x.eval("hdr(x-num),add(nope)", txn)).hasMessageContaining("scope");
    }

    @Test
    void aMissingSampleStopsTheChain() {
        assertThat(x.eval("hdr(nope),lower,upper", txn)).isNull();
        assertThat(x.eval("hdr(x-name),add(1)", txn)).as("not a number: no sample").isNull();
    }

    @Test
    void converterArgumentsAreChecked() {
        assertThatThrownBy(() -> x.eval("path,lower(x)", txn)).hasMessageContaining("converter 'lower(x)'");
        assertThatThrownBy(() -> x.eval("path,regsub(\"(\",x)", txn)).hasMessageContaining("invalid regular expression");
        assertThatThrownBy(() -> x.eval("path,regsub(a,b,x)", txn)).hasMessageContaining("flags");
        assertThatThrownBy(() -> x.eval("path,json(latin1)", txn)).hasMessageContaining("latin1");
        assertThatThrownBy(() -> x.eval("path,word(1)", txn)).hasMessageContaining("index,delimiters");
    }
}
