package io.haven.admin;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a runtime API line as HAProxy does: commands on {@code ;}, words on blanks, and a
 * backslash makes the next character literal (so {@code \;}, {@code \\} and {@code \ } reach
 * the command). Empty commands are dropped.
 */
final class CliTokenizer {
    private CliTokenizer() {
    }

    static List<List<String>> commands(String line) {
        List<List<String>> commands = new ArrayList<>();
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                word = word == null ? new StringBuilder() : word;
                word.append(line.charAt(++i));
            } else if (c == ';') {
                addWord(words, word);
                word = null;
                addCommand(commands, words);
                words = new ArrayList<>();
            } else if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
                addWord(words, word);
                word = null;
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        addWord(words, word);
        addCommand(commands, words);
        return commands;
    }

    private static void addWord(List<String> words, StringBuilder word) {
        if (word != null) {
            words.add(word.toString());
        }
    }

    private static void addCommand(List<List<String>> commands, List<String> words) {
        if (!words.isEmpty()) {
            commands.add(List.copyOf(words));
        }
    }
}
