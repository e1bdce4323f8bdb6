package io.haven.core.rules;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The {@code http-request} and {@code http-response} actions Haven implements, by HAProxy name,
 * with the directions each is allowed in. Other modules (Lua's {@code lua.NAME}) register
 * theirs with {@link #register}.
 */
public final class HttpActionCatalog {
    /** Compiles an action; throws IllegalArgumentException with an operator-facing message. */
    @FunctionalInterface
    public interface Factory {
        HttpAction create(ActionArgs args);
    }

    /** Where an action may be used. */
    public enum Where { REQUEST, RESPONSE, BOTH }

    private record Entry(Factory factory, Where where) {
    }

    private static final Map<String, Entry> ACTIONS = new TreeMap<>();

    static {
        register("allow", Where.BOTH, a -> {
            a.count(0, 0, "no argument");
            return t -> HttpAction.STOP;
        });
        HeaderActions.register();
        RequestLineActions.register();
        VarActions.register();
        ReplyActions.register();
        register("redirect", Where.BOTH, RedirectAction::create);
        UseServiceAction.register();
        CaptureAction.register();
    }

    private HttpActionCatalog() {
    }

    public static synchronized void register(String name, Where where, Factory factory) {
        ACTIONS.put(name, new Entry(factory, where));
    }

    /** Compiles {@code args.action()}; unknown actions and actions of the other direction are errors naming them. */
    public static HttpAction create(ActionArgs args) {
        if (io.haven.core.extension.Extensions.handles(args.action())) {
            io.haven.core.extension.Extensions ext = args.lookup().extensions();
            if (ext == null) {
                throw new IllegalArgumentException("Lua actions cannot be used here");
            }
            return ext.action(args);
        }
        Entry e;
        synchronized (HttpActionCatalog.class) {
            e = ACTIONS.get(args.action());
        }
        if (e == null) {
            throw new IllegalArgumentException("unknown or unimplemented action '" + args.action() + "' (Haven implements "
                    + String.join(", ", names(args.response())) + ")");
        }
        if (e.where() != Where.BOTH && (e.where() == Where.RESPONSE) != args.response()) {
            throw new IllegalArgumentException("action '" + args.action() + "' is only allowed in "
                    + (e.where() == Where.RESPONSE ? "http-response" : "http-request") + " rules");
        }
        return e.factory().create(args);
    }

    static synchronized Set<String> names(boolean response) {
        Set<String> out = new TreeSet<>();
        ACTIONS.forEach((n, e) -> {
            if (e.where() == Where.BOTH || (e.where() == Where.RESPONSE) == response) {
                out.add(n);
            }
        });
        return out;
    }
}
