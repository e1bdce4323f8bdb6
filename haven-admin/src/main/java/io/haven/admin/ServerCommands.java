package io.haven.admin;

import io.haven.config.model.AccessLevel;
import io.haven.core.Generation;
import io.haven.core.server.Server;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * The commands that act on one server: {@code enable|disable server|health|agent},
 * {@code set server ... state|weight}, {@code set weight} and {@code get weight}, with
 * HAProxy's replies, and Haven's {@code set server ... pool} ({@link PoolOverrideCommand}). All
 * but {@code get weight} need the admin level, as in HAProxy.
 */
final class ServerCommands {
    static final String SET_SERVER_USAGE = "'set server <srv>' only supports 'state', 'weight' and 'pool'.\n";
    static final String STATE_USAGE = "'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n";

    private final Supplier<Generation> current;

    ServerCommands(Supplier<Generation> current) {
        this.current = current;
    }

    void register(CommandTable t) {
        admin(t, "disable agent", "disable agent", "disable agent checks", (s, a) -> ServerActions.agent(s, false));
        admin(t, "disable health", "disable health", "disable health checks", (s, a) -> ServerActions.health(s, false));
        admin(t, "disable server", "disable server (DEPRECATED)",
                "disable a server for maintenance (use 'set server' instead)", (s, a) -> ServerActions.maint(s));
        admin(t, "enable agent", "enable agent", "enable agent checks", (s, a) -> ServerActions.agent(s, true));
        admin(t, "enable health", "enable health", "enable health checks", (s, a) -> ServerActions.health(s, true));
        admin(t, "enable server", "enable server  (DEPRECATED)",
                "enable a disabled server (use 'set server' instead)", (s, a) -> ServerActions.ready(s));
        t.add(new CliCommand(List.of("set", "server"), "set server <bk>/<srv> [opts]",
                "change a server's state, weight or pool (pool in|out|auto [reason <text>])", AccessLevel.ADMIN,
                (args, session) -> onServer(args, (s, a) -> setServer(s, a, session))));
        admin(t, "set weight", "set weight <bk>/<srv>  (DEPRECATED)",
                "change a server's weight (use 'set server' instead)", (s, a) -> weight(s, arg(a, 0)));
        t.add(new CliCommand(List.of("get", "weight"), "get weight <bk>/<srv>", "report a server's current weight",
                AccessLevel.USER, (args, session) -> onServer(args, (s, a) -> s.weight() + " (initial "
                        + s.config().weight() + ")\n")));
    }

    private void admin(CommandTable t, String words, String synopsis, String description,
                       BiFunction<Server, List<String>, String> action) {
        t.add(new CliCommand(List.of(words.split(" ")), synopsis, description, AccessLevel.ADMIN,
                (args, session) -> onServer(args, action)));
    }

    /** Resolves the first argument as {@code backend/server} and runs {@code action} with the rest. */
    private String onServer(List<String> args, BiFunction<Server, List<String>, String> action) {
        ServerLookup.Result r = ServerLookup.find(current.get(), arg(args, 0));
        if (!r.found()) {
            return r.error();
        }
        return action.apply(r.server(), args.subList(1, args.size()));
    }

    private String setServer(Server s, List<String> args, CliSession session) {
        String what = arg(args, 0);
        if ("pool".equals(what)) {
            return PoolOverrideCommand.run(s, args.subList(1, args.size()), session);
        }
        if ("state".equals(what)) {
            String state = arg(args, 1);
            if ("ready".equals(state)) {
                return ServerActions.ready(s);
            }
            if ("drain".equals(state)) {
                return ServerActions.drain(s);
            }
            if ("maint".equals(state)) {
                return ServerActions.maint(s);
            }
            return STATE_USAGE;
        }
        if ("weight".equals(what)) {
            return weight(s, arg(args, 1));
        }
        return SET_SERVER_USAGE;
    }

    private static String weight(Server s, String value) {
        WeightChange w = WeightChange.parse(value, s.config().weight());
        if (w.error() != null) {
            return w.error();
        }
        s.setWeight(w.weight());
        return "";
    }

    static String arg(List<String> args, int i) {
        return i < args.size() ? args.get(i) : null;
    }
}
