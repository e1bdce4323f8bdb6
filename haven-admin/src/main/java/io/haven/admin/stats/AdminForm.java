package io.haven.admin.stats;

import io.haven.admin.ServerActions;
import io.haven.admin.ServerLookup;
import io.haven.core.Backend;
import io.haven.core.Generation;
import io.haven.core.server.Server;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The stats page's admin form, as HAProxy posts it: {@code b} (a backend name or {@code #id}),
 * one {@code s} per checked server, and {@code action}. Applies the action and answers with
 * HAProxy's result codes, which the page shows after its redirect: {@code DONE} (all applied),
 * {@code PART} (some), {@code NONE} (no server selected or none changed), {@code ERRP} (bad
 * parameters or an action Haven does not have).
 */
final class AdminForm {
    /** The actions Haven implements, by HAProxy's form values. */
    static final List<String> ACTIONS = List.of("ready", "drain", "maint", "dhlth", "ehlth", "dagent", "eagent");

    private AdminForm() {
    }

    static String apply(Generation g, byte[] body) {
        String backendRef = null;
        String action = null;
        List<String> servers = new ArrayList<>();
        String text = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        for (String pair : text.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            if (key == null || value == null) {
                return "ERRP";
            }
            switch (key) {
                case "b" -> backendRef = value;
                case "action" -> action = value;
                case "s" -> servers.add(value);
                default -> { } // HAProxy ignores other fields
            }
        }
        Optional<Backend> backend = backendRef == null ? Optional.empty() : ServerLookup.backend(g, backendRef);
        Function<Server, String> act = action == null ? null : action(action);
        if (backend.isEmpty() || act == null) {
            return "ERRP";
        }
        int done = 0;
        for (String name : servers) {
            Optional<Server> s = backend.get().server(name);
            if (s.isPresent() && act.apply(s.get()).isEmpty()) {
                done++;
            }
        }
        if (done == 0) {
            return "NONE";
        }
        return done == servers.size() ? "DONE" : "PART";
    }

    private static Function<Server, String> action(String name) {
        return switch (name) {
            case "ready" -> ServerActions::ready;
            case "drain" -> ServerActions::drain;
            case "maint" -> ServerActions::maint;
            case "dhlth" -> s -> ServerActions.health(s, false);
            case "ehlth" -> s -> ServerActions.health(s, true);
            case "dagent" -> s -> ServerActions.agent(s, false);
            case "eagent" -> s -> ServerActions.agent(s, true);
            default -> null;
        };
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The sentence the page shows for a result code, as HAProxy words it. */
    static String describe(String code) {
        return switch (code) {
            case "DONE" -> "Action processed successfully.";
            case "PART" -> "Action not processed for all servers: some were unknown or refused the change.";
            case "NONE" -> "Nothing has changed: no server was selected.";
            case "ERRP" -> "Action denied because of an invalid parameter.";
            case "DENY" -> "Action denied: this page is not in admin mode for you ('stats admin').";
            default -> "Unexpected result.";
        };
    }
}
