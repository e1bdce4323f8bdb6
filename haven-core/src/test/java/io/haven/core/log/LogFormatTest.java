package io.haven.core.log;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.core.acl.SampleContext;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** log-format strings: variables, flags, literal text, separators that collapse around empty values. */
class LogFormatTest {
    private static final Map<LogVariable, String> VALUES = Map.of(LogVariable.CLIENT_IP, "10.0.0.1", LogVariable.CLIENT_PORT, "4242",
            LogVariable.STATUS, "200", LogVariable.REQUEST_LINE, "GET / HTTP/1.1", LogVariable.QUEUE_TIME, "0",
            LogVariable.CONNECT_TIME, "1");

    private static final LogRecord RECORD = new LogRecord() {
        @Override
        public void append(LogVariable v, StringBuilder out) {
            out.append(VALUES.getOrDefault(v, ""));
        }

        @Override
        public SampleContext sampleContext() {
            return null;
        }
    };

    @Test
    void variablesFlagsAndText() {
        assertThat(LogFormat.compile("%ci:%cp %ST %{+Q}r 100%%").render(RECORD)).isEqualTo("10.0.0.1:4242 200 \"GET / HTTP/1.1\" 100%");
    }

    @Test
    void theLongestVariableNameWins() {
        assertThat(LogFormat.compile("%Tw/%Tc").render(RECORD)).isEqualTo("0/1");
    }

    @Test
    void emptyValuesDoNotLeaveDoubleSpaces() {
        assertThat(LogFormat.compile("%ST %hr %hs   %{+Q}r").render(RECORD)).isEqualTo("200 \"GET / HTTP/1.1\"");
    }

    @Test
    void unknownVariablesAndFlagsAreNamed() {
        assertThatThrownBy(() -> LogFormat.compile("%ci %zz")).hasMessageContaining("'%zz'");
        assertThatThrownBy(() -> LogFormat.compile("%{+Z}r")).hasMessageContaining("'+Z'");
        assertThatThrownBy(() -> LogFormat.compile("%[src]")).hasMessageContaining("'%[src]'");
    }

    @Test
    void sampleExpressionsUseTheInstalledCompiler() {
        LogExpressions.Compiler before = LogExpressions.installed();
        try {
            LogExpressions.install(e -> ctx -> e.toUpperCase());
            assertThat(LogFormat.compile("%[src] %{+Q}[dst]").render(RECORD)).isEqualTo("SRC \"DST\"");
        } finally {
            LogExpressions.install(before);
        }
    }

    @Test
    void httplogIsHaproxysFormat() {
        assertThat(LogFormat.compile(HttpLogFormats.HTTPLOG).source()).isEqualTo(
                "%ci:%cp [%tr] %ft %b/%s %TR/%Tw/%Tc/%Tr/%Ta %ST %B %CC %CS %tsc %ac/%fc/%bc/%sc/%rc %sq/%bq %hr %hs %{+Q}r");
    }
}
