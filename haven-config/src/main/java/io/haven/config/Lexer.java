package io.haven.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Splits configuration text into words with HAProxy's rules: blanks separate words, {@code #}
 * starts a comment, {@code "..."} quotes weakly (escapes and {@code ${VAR}} still work),
 * {@code '...'} quotes strongly (nothing inside is interpreted), a backslash escapes the next
 * character ({@code \t \n \r \xNN} are decoded), and {@code ${NAME}} / {@code ${NAME-default}}
 * expand environment variables outside single quotes.
 */
public final class Lexer {
    private final Map<String, String> env;

    public Lexer(Map<String, String> env) {
        this.env = env;
    }

    /** Splits every line of {@code text}; blank and comment-only lines are skipped. */
    public List<Line> split(String file, String text) throws ConfigException {
        List<Line> lines = new ArrayList<>();
        List<Diagnostic> errors = new ArrayList<>();
        String[] raw = text.split("\r?\n", -1);
        for (int i = 0; i < raw.length; i++) {
            SourceLocation at = new SourceLocation(file, i + 1);
            try {
                List<String> words = words(raw[i], at);
                if (!words.isEmpty()) {
                    lines.add(new Line(at, words));
                }
            } catch (ConfigException e) {
                errors.addAll(e.diagnostics());
            }
        }
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return lines;
    }

    List<String> words(String line, SourceLocation at) throws ConfigException {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false; // a quoted empty string is still a word
        int i = 0;
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == '#' ) {
                break;
            }
            if (c == ' ' || c == '\t') {
                if (inWord) {
                    flush(words, word, quoted);
                    inWord = false;
                    quoted = false;
                }
                i++;
                continue;
            }
            inWord = true;
            if (c == '\'') {
                int end = line.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new ConfigException(at, line.trim(), "unmatched single quote");
                }
                word.append(line, i + 1, end);
                quoted = true;
                i = end + 1;
            } else if (c == '"') {
                i = doubleQuoted(line, i + 1, word, at);
                quoted = true;
            } else if (c == '\\') {
                i = escape(line, i, word, at);
            } else if (c == '$' && i + 1 < n && line.charAt(i + 1) == '{') {
                i = variable(line, i, word, at);
            } else {
                word.append(c);
                i++;
            }
        }
        if (inWord) {
            flush(words, word, quoted);
        }
        return words;
    }

    private static void flush(List<String> words, StringBuilder word, boolean quoted) {
        if (word.length() > 0 || quoted) {
            words.add(word.toString());
        }
        word.setLength(0);
    }

    private int doubleQuoted(String line, int i, StringBuilder word, SourceLocation at) throws ConfigException {
        int n = line.length();
        while (i < n) {
            char c = line.charAt(i);
            if (c == '"') {
                return i + 1;
            } else if (c == '\\') {
                i = escape(line, i, word, at);
            } else if (c == '$' && i + 1 < n && line.charAt(i + 1) == '{') {
                i = variable(line, i, word, at);
            } else {
                word.append(c);
                i++;
            }
        }
        throw new ConfigException(at, line.trim(), "unmatched double quote");
    }

    private static int escape(String line, int i, StringBuilder word, SourceLocation at) throws ConfigException {
        if (i + 1 >= line.length()) {
            throw new ConfigException(at, line.trim(), "a backslash ends the line");
        }
        char next = line.charAt(i + 1);
        switch (next) {
            case 't' -> word.append('\t');
            case 'n' -> word.append('\n');
            case 'r' -> word.append('\r');
            case 'x' -> {
                if (i + 4 > line.length()) {
                    throw new ConfigException(at, line.trim(), "truncated \\x escape, expected two hex digits");
                }
                try {
                    word.append((char) Integer.parseInt(line.substring(i + 2, i + 4), 16));
                } catch (NumberFormatException e) {
                    throw new ConfigException(at, line.trim(), "invalid \\x escape, expected two hex digits");
                }
                return i + 4;
            }
            case ' ', '\\', '\'', '"', '#', '$' -> word.append(next);
            // as HAProxy: other combinations stay unchanged, so regexes (\d, \.) and back-references (\1) survive
            default -> word.append('\\').append(next);
        }
        return i + 2;
    }

    private int variable(String line, int i, StringBuilder word, SourceLocation at) throws ConfigException {
        int end = line.indexOf('}', i + 2);
        if (end < 0) {
            throw new ConfigException(at, line.trim(), "unterminated ${...} environment variable");
        }
        String spec = line.substring(i + 2, end);
        String name = spec;
        String fallback = null;
        int dash = spec.indexOf('-');
        if (dash >= 0) {
            name = spec.substring(0, dash);
            fallback = spec.substring(dash + 1);
        }
        if (name.isEmpty()) {
            throw new ConfigException(at, line.trim(), "empty environment variable name in ${" + spec + "}");
        }
        String value = env.get(name);
        if (value == null) {
            value = fallback == null ? "" : fallback;
        }
        word.append(value);
        return end + 1;
    }
}
