package io.haven.cluster.agent.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Command lines split into words as a shell splits quoted words. */
class CommandLineTest {

    @Test
    void blanksSeparateWords() {
        assertThat(CommandLine.split("  nginx   -g  'daemon off;' ")).containsExactly("nginx", "-g", "daemon off;");
    }

    @Test
    void doubleQuotesKeepBlanksAndHonourTheirFourEscapes() {
        assertThat(CommandLine.split("echo \"a b\\\"c\\\\d\\$e\\n\"")).containsExactly("echo", "a b\"c\\d$e\\n");
    }

    @Test
    void singleQuotesAreLiteralAndQuotedPartsJoinTheirNeighbours() {
        assertThat(CommandLine.split("x'\\$HOME'\"y z\"w")).containsExactly("x\\$HOMEy zw");
        assertThat(CommandLine.split("a '' b")).containsExactly("a", "", "b");
    }

    @Test
    void aBackslashOutsideQuotesEscapesTheNextCharacter() {
        assertThat(CommandLine.split("a\\ b c\\'d")).containsExactly("a b", "c'd");
    }

    @Test
    void unterminatedQuotesAreErrors() {
        assertThatThrownBy(() -> CommandLine.split("sh -c 'echo")).hasMessage("unterminated ' quote at character 7");
        assertThatThrownBy(() -> CommandLine.split("echo \"x")).hasMessage("unterminated \" quote at character 6");
        assertThatThrownBy(() -> CommandLine.split("echo \\")).hasMessage("a backslash ends the line");
    }
}
