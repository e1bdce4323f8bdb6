package io.haven.config;

import io.haven.config.model.SampleCall;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a sample expression {@code fetch(args),conv1(args),conv2} into its calls, as HAProxy
 * reads them. Inside parentheses, arguments are separated by commas; {@code "..."} and
 * {@code '...'} quote an argument, a backslash before {@code , ( ) \ " '} escapes that character,
 * other backslashes stay (so regexes keep {@code \d} and substitutions keep {@code \1}).
 */
public final class SampleSyntax {
    private SampleSyntax() {
    }

    /** Parses {@code text}; throws IllegalArgumentException with an operator-facing message. */
    public static List<SampleCall> parse(String text) {
        List<SampleCall> calls = new ArrayList<>();
        int i = 0;
        int n = text.length();
        if (n == 0) {
            throw new IllegalArgumentException("empty sample expression");
        }
        while (true) {
            int start = i;
            while (i < n && isNameChar(text.charAt(i))) {
                i++;
            }
            String name = text.substring(start, i);
            if (name.isEmpty()) {
                throw new IllegalArgumentException("expected a fetch or converter name at position " + (i + 1) + " of '" + text + "'");
            }
            List<String> args = new ArrayList<>();
            if (i < n && text.charAt(i) == '(') {
                i = arguments(text, i + 1, args);
            }
            calls.add(new SampleCall(name, args));
            if (i == n) {
                return calls;
            }
            if (text.charAt(i) != ',') {
                throw new IllegalArgumentException("unexpected '" + text.charAt(i) + "' after '" + name + "' in '" + text
                        + "' (converters follow a comma)");
            }
            i++;
            if (i == n) {
                throw new IllegalArgumentException("missing converter after the last ',' in '" + text + "'");
            }
        }
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '.' || c == '-';
    }

    /** Reads arguments up to the closing parenthesis; returns the index after it. */
    private static int arguments(String text, int i, List<String> args) {
        StringBuilder arg = new StringBuilder();
        int n = text.length();
        int depth = 0;
        char quote = 0;
        while (i < n) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && i + 1 < n && text.charAt(i + 1) == quote) {
                    arg.append(quote);
                    i++;
                } else {
                    arg.append(c);
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '\\' && i + 1 < n && ",()\\\"'".indexOf(text.charAt(i + 1)) >= 0) {
                arg.append(text.charAt(++i));
            } else if (c == '(') {
                depth++;
                arg.append(c);
            } else if (c == ')' && depth > 0) {
                depth--;
                arg.append(c);
            } else if (c == ')') {
                if (!arg.isEmpty() || !args.isEmpty()) {
                    args.add(arg.toString());
                }
                return i + 1;
            } else if (c == ',' && depth == 0) {
                args.add(arg.toString());
                arg.setLength(0);
            } else {
                arg.append(c);
            }
            i++;
        }
        throw new IllegalArgumentException(quote != 0 ? "unterminated quote in '" + text + "'" : "missing ')' in '" + text + "'");
    }
}
