package io.haven.core.logformat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.core.acl.Lookup;
import io.haven.core.http.TestTxn;
import org.junit.jupiter.api.Test;

/** Log-format strings: literal text, %[expr], %vars, %%, the +Q flag and "-" for absent values. */
class LogFormatTest {
    private static final Lookup NONE = new io.haven.core.sample.Exprs().lookup;

    private static String fmt(String text, TestTxn t) {
        return LogFormat.compile(text, NONE).format(t);
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
        assertThat(LogFormat.compile("plain text", NONE).isConstant()).isTrue();
        assertThat(LogFormat.compile("100%% sure", NONE).format(TestTxn.get("/"))).isEqualTo("100% sure");
        assertThat(LogFormat.compile("%[path]", NONE).isConstant()).isFalse();
    }

    @Test
    void variablesCanBeAddedByOtherModules() {
        LogVariables.register("Tq", c -> 12);
        assertThat(fmt("t=%Tq", TestTxn.get("/"))).isEqualTo("t=12");
    }

    @Test
    void errorsNameWhatIsWrong() {
        assertThatThrownBy(() -> LogFormat.compile("%Nope", NONE)).hasMessageContaining("'%Nope'");
        assertThatThrownBy(() -> LogFormat.compile("%{+X}ci", NONE)).hasMessageContaining("flag '+X'");
        assertThatThrownBy(() -> LogFormat.compile("%[path", NONE)).hasMessageContaining("missing ']'");
        assertThatThrownBy(() -> LogFormat.compile("50% off", NONE)).hasMessageContaining("must be followed");
    }
}
