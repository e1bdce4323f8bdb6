package io.haven.core.rules;

import io.haven.core.http.HttpHeaders;
import io.haven.core.http.HttpReply;
import io.haven.core.http.HttpRequest;
import io.haven.core.http.Reasons;
import io.haven.core.format.FormatString;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code redirect location|prefix|scheme FMT [code 301|302|303|307|308] [drop-query]
 * [append-slash] [set-cookie NAME[=VALUE]] [clear-cookie NAME[=]]}, as HAProxy builds the
 * Location: the value itself; the prefix followed by the request's path and query (the prefix
 * "/" alone keeps the path unchanged); or the scheme, "://", the Host header and the path and
 * query. {@code drop-query} leaves out the query, {@code append-slash} (with it) adds a final
 * '/' to a path without one. The default code is 302.
 */
final class RedirectAction {
    private static final Set<Integer> CODES = Set.of(301, 302, 303, 307, 308);

    private enum Kind { LOCATION, PREFIX, SCHEME }

    private RedirectAction() {
    }

    static HttpAction create(ActionArgs a) {
        if (a.words().size() < 2) {
            throw new IllegalArgumentException("'redirect' expects location, prefix or scheme followed by a value");
        }
        Kind kind = switch (a.word(0)) {
            case "location" -> Kind.LOCATION;
            case "prefix" -> Kind.PREFIX;
            case "scheme" -> Kind.SCHEME;
            default -> throw new IllegalArgumentException("unexpected '" + a.word(0) + "', expected location, prefix or scheme");
        };
        FormatString target = a.format(a.word(1));
        int code = 302;
        boolean dropQuery = false;
        boolean appendSlash = false;
        List<String> cookies = new ArrayList<>();
        for (int i = 2; i < a.words().size(); i++) {
            String kw = a.word(i);
            switch (kw) {
                case "code" -> {
                    String v = a.word(++i);
                    try {
                        code = Integer.parseInt(v == null ? "" : v);
                    } catch (NumberFormatException e) {
                        code = -1;
                    }
                    if (!CODES.contains(code)) {
                        throw new IllegalArgumentException("invalid redirect code '" + v + "', expected 301, 302, 303, 307 or 308");
                    }
                }
                case "drop-query" -> dropQuery = true;
                case "append-slash" -> appendSlash = true;
                case "set-cookie", "clear-cookie" -> {
                    String v = a.word(++i);
                    if (v == null) {
                        throw new IllegalArgumentException("'" + kw + "' expects NAME[=VALUE]");
                    }
                    cookies.add(kw.equals("set-cookie") ? v + "; path=/"
                            : v + "; path=/; Max-Age=0; Expires=Thu, 01-Jan-1970 00:00:01 GMT");
                }
                default -> throw new IllegalArgumentException("unexpected '" + kw
                        + "', expected code, drop-query, append-slash, set-cookie or clear-cookie");
            }
        }
        int status = code;
        boolean drop = dropQuery;
        boolean slash = appendSlash;
        List<String> setCookies = List.copyOf(cookies);
        return t -> {
            String value = target.format(t);
            String location = switch (kind) {
                case LOCATION -> value;
                case PREFIX -> (value.equals("/") ? "" : value) + rest(t.request(), drop, slash);
                case SCHEME -> {
                    String host = t.request().headers().first("host");
                    yield value + "://" + (host == null ? "" : host) + rest(t.request(), drop, slash);
                }
            };
            HttpHeaders h = new HttpHeaders();
            h.add("location", location);
            for (String c : setCookies) {
                h.add("set-cookie", c);
            }
            return new HttpReply(status, Reasons.of(status), h, new byte[0], false);
        };
    }

    private static String rest(HttpRequest r, boolean dropQuery, boolean appendSlash) {
        String path = r.path();
        if (!dropQuery) {
            String q = r.query();
            return q == null ? path : path + "?" + q;
        }
        return appendSlash && !path.endsWith("/") ? path + "/" : path;
    }
}
