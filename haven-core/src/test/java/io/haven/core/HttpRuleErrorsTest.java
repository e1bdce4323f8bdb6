package io.haven.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.config.ConfigException;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A rule Haven cannot run is an error naming file, line, keyword and what is wrong; nothing is ignored. */
class HttpRuleErrorsTest {
    static Stream<Arguments> errors() {
        return Stream.of(
                Arguments.of("http-request tarpit", "unknown or unimplemented action 'tarpit'"),
                Arguments.of("http-request set-header X-A", "expects a header name and a log-format value"),
                Arguments.of("http-request set-header X-A %[nope]", "unknown fetch method 'nope'"),
                Arguments.of("http-request set-header X-A %[path,frobnicate]", "unknown converter 'frobnicate'"),
                Arguments.of("http-request set-header X-A %Zz", "unknown or unimplemented log-format variable '%Zz'"),
                Arguments.of("http-request set-header X-A %[path", "missing ']'"),
                Arguments.of("http-request set-status 200", "only allowed in http-response"),
                Arguments.of("http-response set-path /x", "only allowed in http-request"),
                Arguments.of("http-request set-var(foo) path", "proc, sess, txn, req or res"),
                Arguments.of("http-request set-var path", "variable name in parentheses"),
                Arguments.of("http-request deny deny_status 99", "invalid status '99'"),
                Arguments.of("http-request deny content-type text/plain", "needs a payload"),
                Arguments.of("http-request return status 200 string hello", "a content type must be defined when non-empty payload is configured"),
                Arguments.of("http-request deny deny_status 429 lf-string %[path]", "a content type must be defined with a log-format payload"),
                Arguments.of("http-request return status 200 errorfile /x", "'errorfile' is not implemented"),
                Arguments.of("http-request return string a file /b", "only one payload"),
                Arguments.of("http-request return file /nonexistent/haven.html", "cannot read file"),
                Arguments.of("http-request redirect location /x code 304", "invalid redirect code '304'"),
                Arguments.of("http-request redirect elsewhere /x", "expected location, prefix or scheme"),
                Arguments.of("http-request replace-header X ( y", "invalid regular expression"),
                Arguments.of("http-request del-header X -m glob", "unknown match method 'glob'"),
                Arguments.of("http-request deny if nosuchacl", "no such ACL : 'nosuchacl'"),
                Arguments.of("http-request deny when x", "unexpected 'when'"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void refused(String line, String message) {
        assertThatThrownBy(() -> HttpConfigs.of("    " + line)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("t.cfg:5").hasMessageContaining(line.substring(0, line.indexOf(' ')))
                .hasMessageContaining(message);
    }

    @org.junit.jupiter.api.Test
    void aBrokenAclDoesNotHideTheErrorsOfTheRulesAfterIt() {
        ConfigException e = org.assertj.core.api.Assertions.catchThrowableOfType(ConfigException.class,
                () -> HttpConfigs.of("    acl bad cook(x) a", "    http-request tarpit", "    http-request deny if bad"));
        org.assertj.core.api.Assertions.assertThat(e.diagnostics()).extracting(d -> d.location().line()).containsExactly(5, 6);
    }

    @org.junit.jupiter.api.Test
    void rulesNeedModeHttp() {
        String tcp = String.join("\n", "frontend fe", "    mode tcp", "    bind 127.0.0.1:18080",
                "    http-request deny", "    default_backend be", "backend be", "    server s1 127.0.0.1:9001", "");
        assertThatThrownBy(() -> Generations.of(tcp)).hasMessageContaining("t.cfg:4").hasMessageContaining("need 'mode http'");
    }
}
