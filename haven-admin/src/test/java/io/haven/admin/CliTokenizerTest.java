package io.haven.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class CliTokenizerTest {
    @Test
    void splitsCommandsOnSemicolonsAndWordsOnBlanks() {
        assertThat(CliTokenizer.commands("show info;  show   stat\t-1 4 -1 ;"))
                .containsExactly(List.of("show", "info"), List.of("show", "stat", "-1", "4", "-1"));
    }

    @Test
    void backslashMakesTheNextCharacterLiteral() {
        assertThat(CliTokenizer.commands("set var a\\;b\\ c\\\\d;quit"))
                .containsExactly(List.of("set", "var", "a;b c\\d"), List.of("quit"));
    }

    @Test
    void blankLineHasNoCommand() {
        assertThat(CliTokenizer.commands("  \r")).isEmpty();
    }
}
