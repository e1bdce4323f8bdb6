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

    /** HAProxy's replace-header: a value {@code re} matches becomes {@code template} with its groups; others stay. */
    public static String replaceLine(String value, java.util.regex.Pattern re, String template) {
        Matcher m = re.matcher(value);
        if (!m.find()) {
            return value;
        }
        StringBuilder out = new StringBuilder();
        substitute(out, template, m);
        return out.toString();
    }

    /** HAProxy's replace-value: {@link #replaceLine} on each comma-separated value of the line. */
    public static String replaceEach(String line, java.util.regex.Pattern re, String template) {
        java.util.List<Object> values = new java.util.ArrayList<>();
        split(line, values);
        StringBuilder out = new StringBuilder();
        for (Object v : values) {
            if (!out.isEmpty()) {
                out.append(", ");
            }
            out.append(replaceLine((String) v, re, template));
        }
        return out.toString();
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
