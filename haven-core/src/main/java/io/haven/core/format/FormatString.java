package io.haven.core.format;

import io.haven.core.acl.Lookup;
import io.haven.core.acl.SampleContext;
import io.haven.core.sample.SampleExpr;
import io.haven.core.sample.SampleExprCompiler;
import io.haven.core.sample.Samples;
import java.util.ArrayList;
import java.util.List;

/**
 * A compiled log-format string, as HAProxy's actions and {@code use_backend} take them: literal
 * text, {@code %[sample expression]}, {@code %var} variables (see {@link FormatVariables}),
 * {@code %%} for a percent sign, and the {@code %{+Q}} flag that puts a value in double quotes.
 * A value that is absent prints {@code -}, as in HAProxy's logs.
 */
public final class FormatString {
    private interface Part {
        void append(StringBuilder out, SampleContext ctx);
    }

    private final Part[] parts;
    private final String text;
    private final String constant;

    private FormatString(List<Part> parts, String text, String constant) {
        this.parts = parts.toArray(new Part[0]);
        this.text = text;
        this.constant = constant;
    }

    /** Compiles {@code text}; throws IllegalArgumentException naming what is wrong. */
    public static FormatString compile(String text, Lookup lookup) {
        List<Part> parts = new ArrayList<>();
        StringBuilder literal = new StringBuilder();
        boolean dynamic = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c != '%') {
                literal.append(c);
                i++;
                continue;
            }
            if (i + 1 < n && text.charAt(i + 1) == '%') {
                literal.append('%');
                i += 2;
                continue;
            }
            i++;
            boolean quote = false;
            if (i < n && text.charAt(i) == '{') {
                int close = text.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("missing '}' after '%{' in '" + text + "'");
                }
                for (String flag : text.substring(i + 1, close).split(",")) {
                    switch (flag) {
                        case "+Q" -> quote = true;
                        case "-Q", "" -> quote = false;
                        default -> throw new IllegalArgumentException("unknown or unimplemented log-format flag '" + flag + "' (Haven implements +Q)");
                    }
                }
                i = close + 1;
            }
            Part value;
            if (i < n && text.charAt(i) == '[') {
                int end = closingBracket(text, i);
                String expr = text.substring(i + 1, end);
                SampleExpr e = SampleExprCompiler.compile(expr, lookup);
                value = (out, ctx) -> appendValue(out, Samples.toStr(e.fetch(ctx)));
                i = end + 1;
            } else {
                int start = i;
                while (i < n && Character.isLetterOrDigit(text.charAt(i))) {
                    i++;
                }
                String name = text.substring(start, i);
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("a '%' must be followed by a variable, '[' or '%' in '" + text + "'");
                }
                FormatVariable v = FormatVariables.get(name);
                if (v == null) {
                    throw new IllegalArgumentException("unknown or unimplemented log-format variable '%" + name
                            + "' (Haven implements " + String.join(", ", FormatVariables.names()) + ")");
                }
                value = (out, ctx) -> {
                    Object o = v.value(ctx);
                    appendValue(out, o == null ? null : o.toString());
                };
            }
            if (!literal.isEmpty()) {
                String lit = literal.toString();
                parts.add((out, ctx) -> out.append(lit));
                literal.setLength(0);
            }
            dynamic = true;
            if (quote) {
                Part inner = value;
                value = (out, ctx) -> {
                    out.append('"');
                    inner.append(out, ctx);
                    out.append('"');
                };
            }
            parts.add(value);
        }
        if (!literal.isEmpty()) {
            String lit = literal.toString();
            parts.add((out, ctx) -> out.append(lit));
        }
        String constant = dynamic ? null : literal.toString();
        return new FormatString(parts, text, constant);
    }

    private static void appendValue(StringBuilder out, String v) {
        out.append(v == null ? "-" : v);
    }

    /** The index of the ']' closing the '[' at {@code open}, skipping nested brackets and quotes. */
    private static int closingBracket(String text, int open) {
        int depth = 0;
        char quote = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '\\') {
                i++;
            } else if (c == '[') {
                depth++;
            } else if (c == ']' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalArgumentException("missing ']' after '%[' in '" + text + "'");
    }

    public String format(SampleContext ctx) {
        if (constant != null) {
            return constant;
        }
        StringBuilder out = new StringBuilder(32);
        for (Part p : parts) {
            p.append(out, ctx);
        }
        return out.toString();
    }

    /** Whether the result is the same for every context (no variable, no expression). */
    public boolean isConstant() {
        return constant != null;
    }

    @Override
    public String toString() {
        return text;
    }
}
