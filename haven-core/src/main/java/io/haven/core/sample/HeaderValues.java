package io.haven.core.sample;

import java.util.List;
import java.util.regex.Matcher;

/**
 * Helpers on header values shared by fetches and actions: splitting a line into its
 * comma-separated values (commas inside double quotes do not split), and HAProxy's
 * {@code \1}..{@code \9} back-references in replacement templates.
 */
public final class HeaderValues {
    private HeaderValues() {
    }

    /** Adds each trimmed comma-separated value of {@code line} to {@code out}. */
    public static void split(String line, List<Object> out) {
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (c == ',' && !quoted) {
                out.add(line.substring(start, i).trim());
                start = i + 1;
            }
        }
        out.add(line.substring(start).trim());
    }

    /** Appends {@code template} with {@code \N} replaced by group N of {@code m}. */
    public static void substitute(StringBuilder out, String template, Matcher m) {
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length() && Character.isDigit(template.charAt(i + 1))) {
                int g = template.charAt(++i) - '0';
                if (g <= m.groupCount() && m.group(g) != null) {
                    out.append(m.group(g));
                }
            } else {
                out.append(c);
            }
        }
    }
}
