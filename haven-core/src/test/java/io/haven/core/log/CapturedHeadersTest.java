package io.haven.core.log;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.config.model.HeaderCapture;
import io.haven.core.http.HttpHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Header captures: the last line cut to its length, printed with HAProxy's braces, lists and #XX encoding. */
class CapturedHeadersTest {
    private static String braces(String[] v) {
        StringBuilder out = new StringBuilder();
        CapturedHeaders.appendBraces(v, out);
        return out.toString();
    }

    private static String list(String[] v) {
        StringBuilder out = new StringBuilder();
        CapturedHeaders.appendList(v, out);
        return out.toString();
    }

    @Test
    void lastLineCutToItsLength() {
        HttpHeaders h = new HttpHeaders().add("Host", "a.test").add("X-Id", "first").add("x-id", "second-one");
        String[] v = CapturedHeaders.capture(List.of(new HeaderCapture("host", 64), new HeaderCapture("X-Id", 6),
                new HeaderCapture("X-None", 3)), h);
        assertThat(v).containsExactly("a.test", "second", null);
        assertThat(braces(v)).isEqualTo("{a.test|second|}");
        assertThat(list(v)).isEqualTo("a.test second -");
        StringBuilder quoted = new StringBuilder();
        CapturedHeaders.appendList(v, true, quoted);
        assertThat(quoted).hasToString("\"a.test\" \"second\" \"\"");
    }

    @Test
    void separatorsQuotesControlAndHighBytesAreEncoded() {
        String[] v = {"a\"b#c{d|e}f\tg\u00e9"};
        assertThat(braces(v)).isEqualTo("{a#22b#23c#7Bd#7Ce#7Df#09g#E9}");
    }

    @Test
    void noCapturesPrintNothing() {
        assertThat(braces(null)).isEmpty();
        assertThat(list(null)).isEmpty();
        assertThat(braces(new String[0])).isEmpty();
    }
}
