package io.haven.core.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.core.acl.Lookup;
import io.haven.core.http.TestTxn;
import org.junit.jupiter.api.Test;

/** Log-format strings: literal text, %[expr], %vars, %%, the +Q flag and "-" for absent values. */
class FormatStringTest {
    private static final Lookup NONE = new io.haven.core.sample.Exprs().lookup;

    private static String fmt(String text, TestTxn t) {
        return FormatString.compile(text, NONE).format(t);
    }

    @Test
    void mixesTextExpressionsAndVariables() {
        TestTxn t = TestTxn.request("PUT", "/a/b?c=d", "Host: h").from("192.0.2.1");
        assertThat(fmt("%HM %HU %HP%HQ %HV from %ci:%cp", t)).isEqualTo("PUT /a/b?c=d /a/b?c=d HTTP/1.1 from 192.0.2.1:40000");
        assertThat(fmt("[%[req.hdr(host),upper]] 100%%", t)).isEqualTo("[H] 100%");
        assertThat(fmt("%{+Q}[path] %{+Q}HM", t)).isEqualTo("\"/a/b\" \"PUT\"");
        assertThat(fmt("x=%[hdr(nope)]", t)).isEqualTo("x=-");
        assertThat(fmt("%[path,regsub(\"[ab]\",X,g)]", t)).isEqualTo("/X/X");
        assertThat(fmt("%ST", t)).isEqualTo("-");
        assertThat(fmt("%ST", t.respond(201))).isEqualTo("201");
    }

    @Test
    void constantTextIsRecognised() {
        assertThat(FormatString.compile("plain text", NONE).isConstant()).isTrue();
        assertThat(FormatString.compile("100%% sure", NONE).format(TestTxn.get("/"))).isEqualTo("100% sure");
        assertThat(FormatString.compile("%[path]", NONE).isConstant()).isFalse();
    }

    @Test
    void variablesCanBeAddedByOtherModules() {
        FormatVariables.register("Tq", c -> 12);
        assertThat(fmt("t=%Tq", TestTxn.get("/"))).isEqualTo("t=12");
    }

    @Test
    void errorsNameWhatIsWrong() {
        assertThatThrownBy(() -> FormatString.compile("%Nope", NONE)).hasMessageContaining("'%Nope'");
        assertThatThrownBy(() -> FormatString.compile("%{+X}ci", NONE)).hasMessageContaining("flag '+X'");
        assertThatThrownBy(() -> FormatString.compile("%[path", NONE)).hasMessageContaining("missing ']'");
        assertThatThrownBy(() -> FormatString.compile("50% off", NONE)).hasMessageContaining("must be followed");
    }
}
