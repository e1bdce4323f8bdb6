package io.haven.lua;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import party.iroiro.luajava.Lua;

/**
 * What a state's scripts registered with {@code core.register_*}: functions kept as registry
 * references, by kind and name. Actions, fetches and converters are recorded (names, kinds,
 * argument counts) for the rule engine to call once it can; services, cli commands, inits and
 * tasks run now.
 */
final class Registrations {
    private static final Set<String> ACTION_KINDS = Set.of("tcp-req", "tcp-res", "http-req", "http-res", "http-after-res");

    /** A registered service: {@code mode} is "tcp" or "http". */
    record Service(String name, String mode, int function) {
    }

    /** A registered cli command: the words that name it, its help text and its function. */
    record Cli(List<String> words, String usage, int function) {
    }

    /** A registered action: the rule sets it may be used in and how many arguments it takes. */
    record Action(String name, Set<String> kinds, int nbArgs, int function) {
    }

    final List<Integer> inits = new ArrayList<>();
    final List<Integer> tasks = new ArrayList<>();
    final Map<String, Service> services = new LinkedHashMap<>();
    final List<Cli> clis = new ArrayList<>();
    final Map<String, Action> actions = new LinkedHashMap<>();
    final Map<String, Integer> fetches = new LinkedHashMap<>();
    final Map<String, Integer> converters = new LinkedHashMap<>();

    private Registrations() {
    }

    /** Adds the register functions to the {@code core} table on top of the stack. */
    static void install(LuaState s) {
        Registrations r = new Registrations();
        s.registrations = r;
        s.function("register_init", l -> {
            Args.function(l, 1, "register_init");
            r.inits.add(ref(l, 1));
            return 0;
        });
        s.function("register_task", l -> {
            Args.function(l, 1, "register_task");
            int fn = ref(l, 1);
            Coroutine c = s.current();
            if (c != null) {
                s.runtime().startTask(s, c.loop(), fn); // "register and start": at once, from a running task or action
            } else {
                r.tasks.add(fn);
            }
            return 0;
        });
        s.function("register_service", l -> {
            String name = Args.string(l, 1, "register_service");
            String mode = Args.string(l, 2, "register_service");
            Args.function(l, 3, "register_service");
            if (!mode.equals("tcp") && !mode.equals("http")) {
                throw new ScriptError("register_service: mode must be 'tcp' or 'http', not '" + mode + "'");
            }
            r.services.put(name, new Service(name, mode, ref(l, 3)));
            return 0;
        });
        s.function("register_cli", l -> {
            if (!l.isTable(1)) {
                throw ScriptError.badArgument(1, "register_cli", "table expected, got " + Args.typeName(l, 1));
            }
            String usage = Args.string(l, 2, "register_cli");
            Args.function(l, 3, "register_cli");
            List<String> words = new ArrayList<>();
            for (int i = 1; i <= l.rawLength(1); i++) {
                l.rawGetI(1, i);
                if (!l.isString(-1)) {
                    throw ScriptError.badArgument(1, "register_cli", "the path must be a table of strings");
                }
                words.add(l.toString(-1));
                l.pop(1);
            }
            if (words.isEmpty() || words.size() > 5) {
                throw ScriptError.badArgument(1, "register_cli", "the path must have 1 to 5 words");
            }
            r.clis.removeIf(c -> c.words().equals(words));
            r.clis.add(new Cli(words, usage, ref(l, 3)));
            return 0;
        });
        s.function("register_action", l -> {
            String name = Args.string(l, 1, "register_action");
            if (!l.isTable(2)) {
                throw ScriptError.badArgument(2, "register_action", "table expected, got " + Args.typeName(l, 2));
            }
            Args.function(l, 3, "register_action");
            int nbArgs = l.getTop() >= 4 ? (int) Args.integer(l, 4, "register_action") : 0;
            Set<String> kinds = new java.util.LinkedHashSet<>();
            for (int i = 1; i <= l.rawLength(2); i++) {
                l.rawGetI(2, i);
                String kind = l.toString(-1);
                l.pop(1);
                if (kind == null || !ACTION_KINDS.contains(kind)) {
                    throw new ScriptError("register_action: unknown action kind '" + kind
                            + "' (expected tcp-req, tcp-res, http-req, http-res or http-after-res)");
                }
                kinds.add(kind);
            }
            r.actions.put(name, new Action(name, kinds, nbArgs, ref(l, 3)));
            return 0;
        });
        s.function("register_fetches", l -> {
            String name = Args.string(l, 1, "register_fetches");
            Args.function(l, 2, "register_fetches");
            r.fetches.put(name, ref(l, 2));
            return 0;
        });
        s.function("register_converters", l -> {
            String name = Args.string(l, 1, "register_converters");
            Args.function(l, 2, "register_converters");
            r.converters.put(name, ref(l, 2));
            return 0;
        });
    }

    private static int ref(Lua l, int index) {
        l.pushValue(index);
        return l.ref();
    }
}
