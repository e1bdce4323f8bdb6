package io.haven.core.rules;

import io.haven.core.http.HttpHeaders;
import io.haven.core.http.HttpTxn;
import io.haven.core.format.FormatString;
import io.haven.core.rules.HttpActionCatalog.Where;
import java.util.Locale;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code set-header}, {@code add-header}, {@code del-header}, {@code replace-header} and
 * {@code replace-value}, on the request's headers in {@code http-request} rules and the
 * response's in {@code http-response} rules.
 */
final class HeaderActions {
    private HeaderActions() {
    }

    static void register() {
        HttpActionCatalog.register("set-header", Where.BOTH, a -> write(a, false));
        HttpActionCatalog.register("add-header", Where.BOTH, a -> write(a, true));
        HttpActionCatalog.register("del-header", Where.BOTH, HeaderActions::delete);
        HttpActionCatalog.register("replace-header", Where.BOTH, a -> replace(a, false));
        HttpActionCatalog.register("replace-value", Where.BOTH, a -> replace(a, true));
    }

    /** {@code set-header} (replaces every line of that name) or {@code add-header} (appends one). */
    private static HttpAction write(ActionArgs a, boolean add) {
        a.count(2, 2, "a header name and a log-format value");
        String name = a.word(0);
        FormatString value = a.format(a.word(1));
        boolean response = a.response();
        return t -> {
            HttpHeaders h = headers(t, response);
            if (add) {
                h.add(name, value.format(t));
            } else {
                h.set(name, value.format(t));
            }
            return null;
        };
    }

    static HttpHeaders headers(HttpTxn t, boolean response) {
        return response ? t.response().headers() : t.request().headers();
    }

    /** {@code del-header NAME [-m str|beg|end|sub|reg]}: names compare without case. */
    private static HttpAction delete(ActionArgs a) {
        if (a.words().size() != 1 && a.words().size() != 3) {
            throw new IllegalArgumentException("'del-header' expects a header name and optionally '-m str|beg|end|sub|reg'");
        }
        String name = a.word(0);
        String lower = name.toLowerCase(Locale.ROOT);
        BiPredicate<String, String> match;
        String method = a.words().size() == 3 ? a.word(2) : "str";
        if (a.words().size() == 3 && !a.word(1).equals("-m")) {
            throw new IllegalArgumentException("unexpected '" + a.word(1) + "' after the header name, expected '-m METHOD'");
        }
        match = switch (method) {
            case "str" -> (n, p) -> n.equalsIgnoreCase(p);
            case "beg" -> (n, p) -> n.toLowerCase(Locale.ROOT).startsWith(lower);
            case "end" -> (n, p) -> n.toLowerCase(Locale.ROOT).endsWith(lower);
            case "sub" -> (n, p) -> n.toLowerCase(Locale.ROOT).contains(lower);
            case "reg" -> {
                Pattern re = regex(name);
                yield (n, p) -> re.matcher(n).find();
            }
            default -> throw new IllegalArgumentException("unknown match method '" + method + "', expected str, beg, end, sub or reg");
        };
        boolean response = a.response();
        if (method.equals("str")) {
            return t -> {
                headers(t, response).remove(name);
                return null;
            };
        }
        return t -> {
            HttpHeaders h = headers(t, response);
            java.util.List<String> doomed = new java.util.ArrayList<>();
            for (int i = 0; i < h.size(); i++) {
                if (match.test(h.name(i), name)) {
                    doomed.add(h.name(i));
                }
            }
            doomed.forEach(h::remove);
            return null;
        };
    }

    static Pattern regex(String text) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regular expression '" + text + "': " + e.getDescription());
        }
    }

    /**
     * {@code replace-header NAME REGEX FMT}: a line whose value the regex matches becomes FMT with
     * {@code \1}.. replaced by the groups. {@code replace-value} does the same on each
     * comma-separated value of the line.
     */
    private static HttpAction replace(ActionArgs a, boolean eachValue) {
        a.count(3, 3, "a header name, a regular expression and a log-format replacement");
        String name = a.word(0);
        Pattern re = regex(a.word(1));
        FormatString replacement = a.format(a.word(2));
        boolean response = a.response();
        return t -> {
            String template = replacement.format(t);
            headers(t, response).edit(name, v -> eachValue ? io.haven.core.sample.HeaderValues.replaceEach(v, re, template)
                    : io.haven.core.sample.HeaderValues.replaceLine(v, re, template));
            return null;
        };
    }
}
