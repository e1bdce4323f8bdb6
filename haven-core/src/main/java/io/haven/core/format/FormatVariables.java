package io.haven.core.format;

import io.haven.core.acl.SampleContext;
import io.haven.core.http.HttpTxn;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code %} variables log-format strings may use, by HAProxy name. Those that come from
 * the connection and the request are here; other modules add theirs before configurations
 * are compiled.
 */
public final class FormatVariables {
    private static final Map<String, FormatVariable> VARIABLES = new ConcurrentHashMap<>();

    static {
        register("ci", c -> c.src() == null ? null : c.src().getHostAddress());
        register("cp", c -> c.src() == null ? null : c.srcPort());
        register("fi", c -> c.dst() == null ? null : c.dst().getHostAddress());
        register("fp", c -> c.dst() == null ? null : c.dstPort());
        register("f", c -> c.frontend() == null ? null : c.frontend().name());
        register("ft", c -> c.frontend() == null ? null : c.frontend().name() + (c instanceof HttpTxn t && t.secure() ? "~" : ""));
        register("b", c -> c.backend() == null ? null : c.backend().name());
        register("HM", c -> c instanceof HttpTxn t ? t.request().method() : null);
        register("HU", c -> c instanceof HttpTxn t ? t.request().uri() : null);
        register("HP", c -> c instanceof HttpTxn t ? t.request().path() : null);
        register("HQ", c -> c instanceof HttpTxn t ? (t.request().query() == null ? "" : "?" + t.request().query()) : null);
        register("HV", c -> c instanceof HttpTxn t ? t.request().version() : null);
        register("ST", c -> c instanceof HttpTxn t && t.response() != null ? t.response().status() : null);
    }

    private FormatVariables() {
    }

    /** Adds or replaces a variable. */
    public static void register(String name, FormatVariable variable) {
        VARIABLES.put(name, variable);
    }

    static FormatVariable get(String name) {
        return VARIABLES.get(name);
    }

    static Set<String> names() {
        return new TreeSet<>(VARIABLES.keySet());
    }
}
