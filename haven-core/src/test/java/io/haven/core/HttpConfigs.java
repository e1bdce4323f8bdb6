package io.haven.core;

import io.haven.config.ConfigException;
import io.haven.core.http.TestTxn;

/** Builds an HTTP frontend 'fe' (backends 'be', default, and 'other') around given lines. */
final class HttpConfigs {
    private HttpConfigs() {
    }

    static String config(String frontendLines, String more) {
        return String.join("\n",
                "defaults",
                "    mode http",
                "frontend fe",
                "    bind 127.0.0.1:18080",
                frontendLines,
                "    default_backend be",
                "backend be",
                "    server s1 127.0.0.1:9001",
                "backend other",
                "    server s1 127.0.0.1:9002",
                more,
                "");
    }

    static Generation of(String... frontendLines) throws ConfigException {
        return Generations.of(config(String.join("\n", frontendLines), ""));
    }

    /** The name of the backend {@code fe} selects for {@code t}. */
    static String backendFor(Generation g, TestTxn t) {
        Frontend fe = g.frontend("fe").orElseThrow();
        return fe.selectBackend(t.on(fe)).name();
    }

    static boolean matches(Generation g, TestTxn t) {
        return backendFor(g, t).equals("other");
    }
}
