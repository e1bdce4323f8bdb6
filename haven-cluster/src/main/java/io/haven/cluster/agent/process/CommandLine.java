package io.haven.cluster.agent.process;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a command line into words as a POSIX shell splits quoted words, and does nothing else: no
 * variables, globs, pipes or redirections. Blanks separate words; {@code '...'} is literal;
 * {@code "..."} is literal except that a backslash escapes {@code \ " $ `}; outside quotes a
 * backslash escapes the next character.
 */
final class CommandLine {
    private CommandLine() {
    }

    static List<String> split(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated ' quote at character " + (i + 1));
                }
                word.append(line, i + 1, end);
                i = end;
                inWord = true;
            } else if (c == '"') {
                int j = i + 1;
                for (; j < line.length() && line.charAt(j) != '"'; j++) {
                    char d = line.charAt(j);
                    if (d == '\\' && j + 1 < line.length() && "\\\"$`".indexOf(line.charAt(j + 1)) >= 0) {
                        word.append(line.charAt(++j));
                    } else {
                        word.append(d);
                    }
                }
                if (j >= line.length()) {
                    throw new IllegalArgumentException("unterminated \" quote at character " + (i + 1));
                }
                i = j;
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 >= line.length()) {
                    throw new IllegalArgumentException("a backslash ends the line");
                }
                word.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
