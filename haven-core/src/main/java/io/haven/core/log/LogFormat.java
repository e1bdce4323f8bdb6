package io.haven.core.log;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled HAProxy {@code log-format} string: literal text, {@code %VAR} and {@code %{+Q}VAR}
 * variables, {@code %[expr]} samples and {@code %%}. As in HAProxy, a run of spaces is one
 * separator, written only when something other than a separator came before, so a variable
 * that prints nothing (no captured headers) does not leave a double space.
 */
public final class LogFormat {
    private sealed interface Item permits Text, Var, Sample, Separator {
    }

    private record Text(String text) implements Item {
    }

    private record Var(LogVariable variable, boolean quote) implements Item {
    }

    private record Sample(LogExpressions.Expression expression, boolean quote) implements Item {
    }

    private record Separator() implements Item {
    }

    private static final Separator SEPARATOR = new Separator();

    private final String source;
    private final Item[] items;

    private LogFormat(String source, List<Item> items) {
        this.source = source;
        this.items = items.toArray(new Item[0]);
    }

    public String source() {
        return source;
    }

    /** Compiles {@code format}; an unknown variable, flag or expression is an {@link IllegalArgumentException} naming it. */
    public static LogFormat compile(String format) {
        return compile(format, LogExpressions.installed());
    }

    /** Compiles {@code format} with {@code expressions} compiling its {@code %[...]} items (a generation's own names and maps). */
    public static LogFormat compile(String format, LogExpressions.Compiler expressions) {
        List<Item> items = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        int i = 0;
        int n = format.length();
        while (i < n) {
            char c = format.charAt(i);
            if (c == ' ') {
                flush(text, items);
                while (i < n && format.charAt(i) == ' ') {
                    i++;
                }
                items.add(SEPARATOR);
                continue;
            }
            if (c != '%') {
                text.append(c);
                i++;
                continue;
            }
            if (i + 1 < n && format.charAt(i + 1) == '%') {
                text.append('%');
                i += 2;
                continue;
            }
            flush(text, items);
            i++;
            boolean quote = false;
            if (i < n && format.charAt(i) == '{') {
                int close = format.indexOf('}', i);
                if (close < 0) {
                    throw new IllegalArgumentException("missing '}' after '%{' in log format");
                }
                for (String flag : format.substring(i + 1, close).split(",")) {
                    switch (flag) {
                        case "+Q" -> quote = true;
                        case "-Q", "+X", "-X", "+E", "-E" -> {
                            // +X (hex) and +E (escaping) only change values Haven prints as numbers or plain text
                        }
                        default -> throw new IllegalArgumentException("unknown log format flag '" + flag + "'");
                    }
                }
                i = close + 1;
            }
            if (i < n && format.charAt(i) == '[') {
                int close = format.indexOf(']', i);
                if (close < 0) {
                    throw new IllegalArgumentException("missing ']' after '%[' in log format");
                }
                items.add(new Sample(expressions.compile(format.substring(i + 1, close)), quote));
                i = close + 1;
                continue;
            }
            int start = i;
            while (i < n && Character.isLetter(format.charAt(i))) {
                i++;
            }
            String name = format.substring(start, i);
            LogVariable v = longest(name);
            if (v == null) {
                throw new IllegalArgumentException("unknown or unimplemented log format variable '%" + name + "'");
            }
            i = start + v.token().length();
            items.add(new Var(v, quote));
        }
        flush(text, items);
        return new LogFormat(format, items);
    }

    /** HAProxy reads the longest known name ({@code %Tw} then text, not {@code %T} then "w"). */
    private static LogVariable longest(String letters) {
        for (int len = letters.length(); len > 0; len--) {
            LogVariable v = LogVariable.byToken(letters.substring(0, len));
            if (v != null) {
                return v;
            }
        }
        return null;
    }

    private static void quote(StringBuilder out, boolean quote) {
        if (quote) {
            out.append('"');
        }
    }

    private static void flush(StringBuilder text, List<Item> items) {
        if (!text.isEmpty()) {
            items.add(new Text(text.toString()));
            text.setLength(0);
        }
    }

    /** The line for {@code r}. */
    public String render(LogRecord r) {
        StringBuilder out = new StringBuilder(200);
        boolean lastSeparator = true;
        for (Item item : items) {
            int before = out.length();
            if (item instanceof Separator) {
                if (!lastSeparator) {
                    out.append(' ');
                    lastSeparator = true;
                }
                continue;
            }
            if (item instanceof Text t) {
                out.append(t.text());
            } else if (item instanceof Var v) {
                if (v.quote()) {
                    r.appendQuoted(v.variable(), out);
                } else {
                    r.append(v.variable(), out);
                }
            } else if (item instanceof Sample sample) {
                Object value = sample.expression().evaluate(r.sampleContext());
                quote(out, sample.quote());
                out.append(value == null ? "-" : value.toString());
                quote(out, sample.quote());
            }
            if (out.length() > before) {
                lastSeparator = false;
            }
        }
        int len = out.length();
        while (len > 0 && out.charAt(len - 1) == ' ') {
            len--;
        }
        out.setLength(len);
        return out.toString();
    }
}
