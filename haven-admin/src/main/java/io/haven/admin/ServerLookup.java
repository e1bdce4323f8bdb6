package io.haven.admin;

import io.haven.core.Backend;
import io.haven.core.Generation;
import io.haven.core.server.Server;
import java.util.Optional;

/**
 * Resolves HAProxy's {@code <backend>/<server>} argument, where either part may also be a
 * numeric id prefixed with {@code #}, and answers with HAProxy's texts when it cannot.
 */
public final class ServerLookup {
    static final String REQUIRE = "Require 'backend/server'.\n";
    static final String NO_BACKEND = "No such backend.\n";
    static final String NO_SERVER = "No such server.\n";

    /** Either a server or the error text to print. */
    record Result(Server server, String error) {
        boolean found() {
            return server != null;
        }
    }

    private ServerLookup() {
    }

    static Result find(Generation g, String ref) {
        int slash = ref == null ? -1 : ref.indexOf('/');
        if (slash <= 0 || slash == ref.length() - 1) {
            return new Result(null, REQUIRE);
        }
        Optional<Backend> backend = backend(g, ref.substring(0, slash));
        if (backend.isEmpty()) {
            return new Result(null, NO_BACKEND);
        }
        String name = ref.substring(slash + 1);
        Optional<Server> server = backend.get().servers().stream()
                .filter(s -> name.startsWith("#") ? ("#" + s.id()).equals(name) : s.name().equals(name))
                .findFirst();
        return server.map(s -> new Result(s, null)).orElseGet(() -> new Result(null, NO_SERVER));
    }

    /** A backend by name or by {@code #id}. */
    public static Optional<Backend> backend(Generation g, String ref) {
        if (ref.startsWith("#")) {
            return g.backends().stream().filter(b -> ("#" + b.id()).equals(ref)).findFirst();
        }
        return g.backend(ref);
    }
}
