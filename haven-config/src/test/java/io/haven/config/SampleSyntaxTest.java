package io.haven.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.config.model.SampleCall;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Splitting sample expressions into calls, with HAProxy's quoting and escaping inside arguments. */
class SampleSyntaxTest {
    @Test
    void fetchWithConverters() {
        assertThat(SampleSyntax.parse("req.hdr(host),lower,map_beg(/etc/h.map,default)")).containsExactly(
                new SampleCall("req.hdr", List.of("host")), new SampleCall("lower", List.of()),
                new SampleCall("map_beg", List.of("/etc/h.map", "default")));
        assertThat(SampleSyntax.parse("path")).containsExactly(new SampleCall("path", List.of()));
        assertThat(SampleSyntax.parse("hdr()")).containsExactly(new SampleCall("hdr", List.of()));
        assertThat(SampleSyntax.parse("field(2,)")).containsExactly(new SampleCall("field", List.of("2", "")));
    }

    @Test
    void quotesEscapesAndNestedParentheses() {
        assertThat(SampleSyntax.parse("regsub(\"a,b\",'c)d')").get(0).args()).containsExactly("a,b", "c)d");
        assertThat(SampleSyntax.parse("regsub(\\,,_,g)").get(0).args()).containsExactly(",", "_", "g");
        assertThat(SampleSyntax.parse("regsub(^(a|b)\\d+$,\\1)").get(0).args()).containsExactly("^(a|b)\\d+$", "\\1");
    }

    @Test
    void malformedExpressionsSayWhy() {
        assertThatThrownBy(() -> SampleSyntax.parse("hdr(host")).hasMessageContaining("missing ')'");
        assertThatThrownBy(() -> SampleSyntax.parse("hdr(host)x")).hasMessageContaining("unexpected 'x'");
        assertThatThrownBy(() -> SampleSyntax.parse("path,")).hasMessageContaining("missing converter");
        assertThatThrownBy(() -> SampleSyntax.parse("regsub(\"a,b)")).hasMessageContaining("unterminated quote");
        assertThatThrownBy(() -> SampleSyntax.parse("")).hasMessageContaining("empty");
    }
}
