package io.haven.core.acl;

import io.haven.core.Backend;
import io.haven.core.Frontend;
import io.haven.core.server.Server;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sample fetches Haven implements, by HAProxy name. Proxy and server arguments are resolved
 * when the fetch is compiled, so a typo is a configuration error and not a silent false.
 */
public final class FetchCatalog {
    /** Builds a fetch from its arguments; throws IllegalArgumentException with an operator-facing message. */
    @FunctionalInterface
    public interface Factory {
        SampleFetch create(List<String> args, Lookup lookup);
    }

    private static final Map<String, Factory> FETCHES = new TreeMap<>();

    static {
        FETCHES.put("always_true", (a, l) -> constant(a, true));
        FETCHES.put("always_false", (a, l) -> constant(a, false));
        FETCHES.put("nbsrv", (a, l) -> backendInt(a, l, "nbsrv", Backend::usableServers));
        FETCHES.put("be_conn", (a, l) -> backendInt(a, l, "be_conn", b -> b.counters().current.get()));
        FETCHES.put("queue", (a, l) -> backendInt(a, l, "queue", Backend::queueLength));
        FETCHES.put("connslots", (a, l) -> backendInt(a, l, "connslots", FetchCatalog::connslots));
        FETCHES.put("fe_conn", FetchCatalog::feConn);
        FETCHES.put("srv_is_up", (a, l) -> server(a, l, "srv_is_up", SampleType.BOOL, s -> s.isUp()));
        FETCHES.put("srv_conn", (a, l) -> server(a, l, "srv_conn", SampleType.INT, s -> (long) s.counters().current.get()));
        FETCHES.put("src", (a, l) -> noArgs(a, "src", SampleType.IP, SampleContext::src));
        FETCHES.put("src_port", (a, l) -> noArgs(a, "src_port", SampleType.INT, c -> (long) c.srcPort()));
        FETCHES.put("dst", (a, l) -> noArgs(a, "dst", SampleType.IP, SampleContext::dst));
        FETCHES.put("dst_port", (a, l) -> noArgs(a, "dst_port", SampleType.INT, c -> (long) c.dstPort()));
        io.haven.core.sample.HttpFetches.register(FETCHES::put);
        io.haven.core.sample.TlsFetches.register(FETCHES::put);
    }

    private FetchCatalog() {
    }

    public static synchronized Factory factory(String name) {
        return FETCHES.get(name);
    }

    public static synchronized java.util.Set<String> names() {
        return new java.util.TreeSet<>(FETCHES.keySet());
    }

    /** Adds or replaces a fetch (Lua's {@code lua.NAME} fetches, other modules' own). */
    public static synchronized void register(String name, Factory factory) {
        FETCHES.put(name, java.util.Objects.requireNonNull(factory));
    }

    /** HAProxy's connslots: free connection plus queue slots over usable servers, -1 if unlimited. */
    static int connslots(Backend b) {
        long sum = 0;
        for (Server s : b.lb().servers()) {
            int maxconn = s.config().maxconn();
            int maxqueue = s.config().maxqueue();
            if (maxconn == 0 || maxqueue == 0) {
                return -1;
            }
            sum += maxconn - s.counters().current.get() + maxqueue;
        }
        return (int) Math.max(0, sum - b.queueLength());
    }

    private static SampleFetch constant(List<String> args, boolean value) {
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("takes no argument");
        }
        return fetch(SampleType.BOOL, c -> value);
    }

    private interface IntOf<T> {
        int get(T t);
    }

    private interface Getter {
        Object get(SampleContext c);
    }

    private static SampleFetch fetch(SampleType type, Getter g) {
        return SampleFetch.of(type, g::get);
    }

    private static SampleFetch noArgs(List<String> args, String name, SampleType type, Getter g) {
        if (!args.isEmpty()) {
            throw new IllegalArgumentException("'" + name + "' takes no argument");
        }
        return fetch(type, g);
    }

    private static SampleFetch backendInt(List<String> args, Lookup lookup, String name, IntOf<Backend> f) {
        if (args.size() > 1) {
            throw new IllegalArgumentException("'" + name + "' takes at most one argument, a backend name");
        }
        if (args.isEmpty()) {
            return fetch(SampleType.INT, c -> c.backend() == null ? null : (long) f.get(c.backend()));
        }
        Backend b = lookup.backend(args.get(0));
        if (b == null) {
            throw new IllegalArgumentException("no such backend '" + args.get(0) + "' in '" + name + "(" + args.get(0) + ")'");
        }
        return fetch(SampleType.INT, c -> (long) f.get(b));
    }

    private static SampleFetch feConn(List<String> args, Lookup lookup) {
        if (args.size() > 1) {
            throw new IllegalArgumentException("'fe_conn' takes at most one argument, a frontend name");
        }
        if (args.isEmpty()) {
            return fetch(SampleType.INT, c -> (long) c.frontend().counters().current.get());
        }
        Frontend f = lookup.frontend(args.get(0));
        if (f == null) {
            throw new IllegalArgumentException("no such frontend '" + args.get(0) + "' in 'fe_conn(" + args.get(0) + ")'");
        }
        return fetch(SampleType.INT, c -> (long) f.counters().current.get());
    }

    private interface ServerGetter {
        Object get(Server s);
    }

    private static SampleFetch server(List<String> args, Lookup lookup, String name, SampleType type, ServerGetter g) {
        if (args.size() != 1) {
            throw new IllegalArgumentException("'" + name + "' expects one argument, BACKEND/SERVER");
        }
        String ref = args.get(0);
        int slash = ref.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + name + "' expects BACKEND/SERVER, got '" + ref + "'");
        }
        Backend b = lookup.backend(ref.substring(0, slash));
        if (b == null) {
            throw new IllegalArgumentException("no such backend '" + ref.substring(0, slash) + "' in '" + name + "(" + ref + ")'");
        }
        Server s = b.server(ref.substring(slash + 1)).orElseThrow(() -> new IllegalArgumentException(
                "no such server '" + ref + "' in '" + name + "(" + ref + ")'"));
        return fetch(type, c -> g.get(s));
    }
}
