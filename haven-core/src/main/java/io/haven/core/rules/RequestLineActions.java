package io.haven.core.rules;

import io.haven.core.format.FormatString;
import io.haven.core.rules.HttpActionCatalog.Where;
import java.util.function.BiConsumer;

/**
 * {@code set-path}, {@code set-query}, {@code set-uri} and {@code set-method}: rewrite the
 * request line from a log-format string (http-request only).
 */
final class RequestLineActions {
    private RequestLineActions() {
    }

    static void register() {
        setter("set-path", (r, v) -> r.path(v));
        setter("set-query", (r, v) -> r.query(v));
        setter("set-uri", (r, v) -> r.uri(v));
        setter("set-method", (r, v) -> r.method(v));
    }

    private static void setter(String name, BiConsumer<io.haven.core.http.HttpRequest, String> set) {
        HttpActionCatalog.register(name, Where.REQUEST, a -> {
            a.count(1, 1, "one log-format argument");
            FormatString value = a.format(a.word(0));
            return t -> {
                set.accept(t.request(), value.format(t));
                return null;
            };
        });
    }
}
