package io.haven.core.sample;

import io.haven.core.acl.FetchCatalog;
import io.haven.core.acl.Lookup;
import io.haven.core.acl.MultiSampleFetch;
import io.haven.core.acl.SampleContext;
import io.haven.core.acl.SampleFetch;
import io.haven.core.acl.SampleType;
import io.haven.core.http.HttpHeaders;
import io.haven.core.http.HttpRequest;
import io.haven.core.http.HttpTxn;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * HAProxy's layer 7 fetches (and the constants {@code str()}, {@code int()}): {@code method}, {@code path}, {@code url}, {@code query},
 * {@code url_param}, {@code base}, {@code hdr}, {@code req.hdr}, {@code res.hdr},
 * {@code hdr_cnt}, {@code status}, {@code ssl_fc}, {@code var}, and {@code http_auth*}. Outside an
 * HTTP transaction they return no sample.
 */
public final class HttpFetches {
    private HttpFetches() {
    }

    public static void register(BiConsumer<String, FetchCatalog.Factory> r) {
        r.accept("str", (a, l) -> constant(a, "str", SampleType.STR));
        r.accept("int", (a, l) -> constant(a, "int", SampleType.INT));
        r.accept("method", (a, l) -> request(a, "method", HttpRequest::method));
        r.accept("path", (a, l) -> request(a, "path", HttpRequest::path));
        r.accept("url", (a, l) -> request(a, "url", HttpRequest::uri));
        r.accept("query", (a, l) -> request(a, "query", HttpRequest::query));
        r.accept("base", (a, l) -> request(a, "base", HttpFetches::base));
        r.accept("req.ver", (a, l) -> request(a, "req.ver", q -> "1." + q.minorVersion()));
        r.accept("url_param", HttpFetches::urlParam);
        r.accept("urlp", HttpFetches::urlParam);
        r.accept("hdr", (a, l) -> header(a, "hdr", Side.CURRENT));
        r.accept("req.hdr", (a, l) -> header(a, "req.hdr", Side.REQUEST));
        r.accept("res.hdr", (a, l) -> header(a, "res.hdr", Side.RESPONSE));
        r.accept("shdr", (a, l) -> header(a, "shdr", Side.RESPONSE));
        r.accept("hdr_cnt", (a, l) -> headerCount(a, "hdr_cnt", Side.CURRENT));
        r.accept("req.hdr_cnt", (a, l) -> headerCount(a, "req.hdr_cnt", Side.REQUEST));
        r.accept("res.hdr_cnt", (a, l) -> headerCount(a, "res.hdr_cnt", Side.RESPONSE));
        r.accept("status", (a, l) -> noArgs(a, "status", SampleType.INT,
                t -> t.response() == null ? null : (Object) (long) t.response().status()));
        r.accept("ssl_fc", (a, l) -> noArgs(a, "ssl_fc", SampleType.BOOL, t -> t.secure()));
        r.accept("var", HttpFetches::var);
        r.accept("http_auth", (a, l) -> AuthFetches.httpAuth(a, l));
        r.accept("http_auth_group", (a, l) -> AuthFetches.httpAuthGroup(a, l));
    }

    enum Side { CURRENT, REQUEST, RESPONSE }

    /** {@code str(TEXT)} and {@code int(N)}: constants, handy with converters. */
    private static SampleFetch constant(List<String> args, String name, SampleType type) {
        if (args.size() != 1) {
            throw new IllegalArgumentException("'" + name + "' expects one argument");
        }
        Object v = Samples.cast(args.get(0), type);
        if (v == null || (type == SampleType.INT && !args.get(0).trim().matches("[-+]?\\d+"))) {
            throw new IllegalArgumentException("'" + args.get(0) + "' is not an integer");
        }
        return SampleFetch.of(type, c -> v);
    }

    static HttpTxn txn(SampleContext ctx) {
        return ctx instanceof HttpTxn t ? t : null;
    }

    private static SampleFetch noArgs(List<String> args, String name, SampleType type, Function<HttpTxn, Object> f) {
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' takes no argument");
        }
        return SampleFetch.of(type, c -> {
            HttpTxn t = txn(c);
            return t == null ? null : f.apply(t);
        });
    }

    private static SampleFetch request(List<String> args, String name, Function<HttpRequest, String> f) {
        return noArgs(args, name, SampleType.STR, t -> f.apply(t.request()));
    }

    static String base(HttpRequest r) {
        String host = r.headers().first("host");
        return host == null ? r.path() : host + r.path();
    }

    private static SampleFetch urlParam(List<String> args, Lookup lookup) {
        if (args.isEmpty() || args.size() > 2 || args.get(0).isEmpty()) {
            throw new IllegalArgumentException("'url_param' expects a parameter name and an optional delimiter");
        }
        String name = args.get(0);
        char delim = args.size() > 1 && !args.get(1).isEmpty() ? args.get(1).charAt(0) : '&';
        return SampleFetch.of(SampleType.STR, c -> {
            HttpTxn t = txn(c);
            String q = t == null ? null : t.request().query();
            return q == null ? null : param(q, name, delim);
        });
    }

    /** The value of the first {@code name=value} parameter of {@code query}; "" for a name without '='. */
    static String param(String query, String name, char delim) {
        int i = 0;
        while (i <= query.length()) {
            int end = query.indexOf(delim, i);
            if (end < 0) {
                end = query.length();
            }
            String p = query.substring(i, end);
            int eq = p.indexOf('=');
            String key = eq < 0 ? p : p.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : p.substring(eq + 1);
            }
            i = end + 1;
        }
        return null;
    }

    static HttpHeaders headers(HttpTxn t, Side side) {
        return switch (side) {
            case REQUEST -> t.request().headers();
            case RESPONSE -> t.response() == null ? null : t.response().headers();
            case CURRENT -> t.response() != null ? t.response().headers() : t.request().headers();
        };
    }

    /** Every comma-separated value of every line named {@code name} (commas inside quotes do not split). */
    static List<Object> values(HttpHeaders h, String name) {
        List<Object> out = new ArrayList<>();
        for (int i = 0; i < h.size(); i++) {
            if (name == null || h.name(i).equalsIgnoreCase(name)) {
                HeaderValues.split(h.value(i), out);
            }
        }
        return out;
    }

    private static SampleFetch header(List<String> args, String fetchName, Side side) {
        if (args.size() > 2) {
            throw new IllegalArgumentException("'" + fetchName + "' expects a header name and an optional occurrence");
        }
        String name = args.isEmpty() || args.get(0).isEmpty() ? null : args.get(0);
        int occ = args.size() > 1 ? occurrence(args.get(1), fetchName) : -1;
        return new MultiSampleFetch() {
            @Override
            public SampleType type() {
                return SampleType.STR;
            }

            @Override
            public Object fetch(SampleContext ctx) {
                if (occ == -1 && name != null) {
                    return last(ctx);
                }
                return pick(all(ctx));
            }

            /** The last value without splitting every line: the common {@code hdr(name)} costs one substring. */
            private Object last(SampleContext ctx) {
                HttpTxn t = txn(ctx);
                HttpHeaders h = t == null ? null : headers(t, side);
                if (h == null) {
                    return null;
                }
                for (int i = h.size() - 1; i >= 0; i--) {
                    if (h.name(i).equalsIgnoreCase(name)) {
                        String v = h.value(i);
                        if (v.indexOf('"') >= 0) {
                            List<Object> values = new ArrayList<>();
                            HeaderValues.split(v, values);
                            return values.get(values.size() - 1);
                        }
                        return v.substring(v.lastIndexOf(',') + 1).trim();
                    }
                }
                return null;
            }

            @Override
            public List<Object> fetchAll(SampleContext ctx) {
                if (args.size() < 2) {
                    return all(ctx);
                }
                Object one = pick(all(ctx));
                return one == null ? List.of() : List.of(one);
            }

            private Object pick(List<Object> values) {
                int i = occ < 0 ? values.size() + occ : occ - 1;
                return i >= 0 && i < values.size() ? values.get(i) : null;
            }

            private List<Object> all(SampleContext ctx) {
                HttpTxn t = txn(ctx);
                HttpHeaders h = t == null ? null : headers(t, side);
                return h == null ? List.of() : values(h, name);
            }
        };
    }

    private static int occurrence(String s, String fetchName) {
        try {
            int n = Integer.parseInt(s.trim());
            if (n == 0) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + fetchName + "' occurrence must be a non-zero integer (negative counts from the last), got '" + s + "'");
        }
    }

    private static SampleFetch headerCount(List<String> args, String fetchName, Side side) {
        if (args.size() > 1) {
            throw new IllegalArgumentException("'" + fetchName + "' expects at most a header name");
        }
        String name = args.isEmpty() || args.get(0).isEmpty() ? null : args.get(0);
        return SampleFetch.of(SampleType.INT, c -> {
            HttpTxn t = txn(c);
            HttpHeaders h = t == null ? null : headers(t, side);
            return h == null ? null : (Object) (long) values(h, name).size();
        });
    }

    private static SampleFetch var(List<String> args, Lookup lookup) {
        if (args.isEmpty() || args.size() > 2) {
            throw new IllegalArgumentException("'var' expects a variable name (scope.name) and an optional default value");
        }
        Variables.Ref ref = Variables.parse(args.get(0));
        String fallback = args.size() > 1 ? args.get(1) : null;
        return SampleFetch.of(SampleType.STR, c -> {
            Object v = ref.get(c);
            return v == null ? fallback : v;
        });
    }
}
