package io.haven.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LexerTest {
    private final Lexer lexer = new Lexer(Map.of("PORT", "8080", "EMPTY", ""));
    private final SourceLocation at = new SourceLocation("t.cfg", 1);

    private List<String> words(String line) throws ConfigException {
        return lexer.words(line, at);
    }

    @Test
    void splitsOnBlanksAndDropsComments() throws ConfigException {
        assertThat(words("  server  s1\t127.0.0.1:80 check # a comment")).containsExactly("server", "s1", "127.0.0.1:80", "check");
    }

    @Test
    void doubleQuotesKeepBlanksAndExpandVariables() throws ConfigException {
        assertThat(words("bind \"127.0.0.1:${PORT}\" \"a b\"")).containsExactly("bind", "127.0.0.1:8080", "a b");
    }

    @Test
    void singleQuotesAreLiteral() throws ConfigException {
        assertThat(words("x '${PORT} \\n # not a comment'")).containsExactly("x", "${PORT} \\n # not a comment");
    }

    @Test
    void backslashEscapesBlanksHashesAndControlCharacters() throws ConfigException {
        assertThat(words("send a\\ b\\#c\\r\\n\\x41")).containsExactly("send", "a b#c\r\nA");
    }

    @Test
    void otherBackslashCombinationsStayUnchangedAsInHAProxy() throws ConfigException {
        assertThat(words("acl v path_reg ^/v\\d+\\.json$ \\\\ \\$")).containsExactly("acl", "v", "path_reg", "^/v\\d+\\.json$", "\\", "$");
        assertThat(words("http-request replace-header Cookie \"a=([^;]*)\" \"b=\\1\"")).containsExactly(
                "http-request", "replace-header", "Cookie", "a=([^;]*)", "b=\\1");
    }

    @Test
    void quotesJoinWithAdjacentText() throws ConfigException {
        assertThat(words("a\"b c\"'d'e")).containsExactly("ab cde");
    }

    @Test
    void variablesFallBackToDefaultsAndUnsetOnesVanish() throws ConfigException {
        assertThat(words("x ${MISSING-9000} ${MISSING} \"\" ${EMPTY}")).containsExactly("x", "9000", "");
    }

    @Test
    void unterminatedQuotesAreErrors() {
        assertThatThrownBy(() -> words("x \"abc")).isInstanceOf(ConfigException.class).hasMessageContaining("t.cfg:1")
                .hasMessageContaining("unmatched double quote");
        assertThatThrownBy(() -> words("x 'abc")).hasMessageContaining("unmatched single quote");
        assertThatThrownBy(() -> words("x ${ABC")).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> words("x \\xZZ")).hasMessageContaining("\\x");
    }

    @Test
    void blankAndCommentLinesAreSkippedWithLineNumbersKept() throws ConfigException {
        List<Line> lines = lexer.split("f.cfg", "# head\n\nglobal\n   # x\n  maxconn 10\n");
        assertThat(lines).extracting(l -> l.location().line()).containsExactly(3, 5);
        assertThat(lines.get(1).words()).containsExactly("maxconn", "10");
    }
}
