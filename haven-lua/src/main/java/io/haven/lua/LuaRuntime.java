package io.haven.lua;

import io.haven.config.ConfigException;
import io.haven.config.model.LuaScript;
import io.haven.config.model.LuaSettings;
import io.haven.core.log.LogLevel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.EventExecutorGroup;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The Lua of one generation: the state shared by every event loop ({@code lua-load}) and one
 * state per loop ({@code lua-load-per-thread}), loaded from the configuration's scripts. Loading
 * runs the files' bodies; any error is a configuration error naming the {@code lua-load} line and
 * the script's own file and line, and nothing of the runtime is used. {@link #start} then runs
 * the init functions and starts the tasks on the loops; {@link #close} stops the tasks and
 * releases each state once the last coroutine using it (a service still serving an old
 * connection) has ended.
 */
public final class LuaRuntime implements AutoCloseable {
    private final LuaSettings settings;
    private final LuaLimits limits;
    private final LuaHost host;
    private final LuaState shared;
    private final List<LuaState> perThread = new ArrayList<>();
    private final AtomicInteger nextLoop = new AtomicInteger();
    private volatile List<EventExecutor> loops = List.of();
    private volatile boolean closed;
    private final java.util.Map<String, Object> procVars = new java.util.concurrent.ConcurrentHashMap<>();
    private final GenerationLookup lookup;

    private LuaRuntime(LuaSettings settings, LuaHost host) {
        this.settings = settings;
        this.limits = LuaLimits.of(settings);
        this.host = host;
        this.lookup = new GenerationLookup(host.generation());
        this.shared = new LuaState(this, 0);
    }

    /**
     * Loads the scripts: {@code lua-load} files into the shared state, {@code lua-load-per-thread}
     * files into each of the {@code threads} states, in file order.
     */
    public static LuaRuntime load(LuaSettings settings, int threads, LuaHost host) throws ConfigException {
        LuaRuntime rt = new LuaRuntime(settings, host);
        try {
            boolean anyPerThread = settings.scripts().stream().anyMatch(LuaScript::perThread);
            if (anyPerThread) {
                for (int i = 1; i <= Math.max(1, threads); i++) {
                    rt.perThread.add(new LuaState(rt, i));
                }
            }
            for (LuaScript script : settings.scripts()) {
                for (LuaState s : script.perThread() ? rt.perThread : List.of(rt.shared)) {
                    try {
                        s.load(script.file());
                    } catch (LuaLoadException e) {
                        if (!e.getMessage().endsWith(CoreLibrary.DONE)) {
                            throw new ConfigException(script.location(), script.perThread() ? "lua-load-per-thread" : "lua-load",
                                    "error in Lua script '" + script.file() + "': " + e.getMessage());
                        }
                    }
                }
            }
        } catch (ConfigException | RuntimeException e) {
            rt.close();
            throw e;
        }
        return rt;
    }

    LuaSettings settings() {
        return settings;
    }

    LuaLimits limits() {
        return limits;
    }

    LuaHost host() {
        return host;
    }

    void log(LogLevel level, String message) {
        host.log(level, message);
    }

    /** The state a connection served on {@code loop} uses for per-thread registrations. */
    LuaState stateFor(EventExecutor loop) {
        int i = loops.indexOf(loop);
        return perThread.isEmpty() ? shared : perThread.get(Math.max(0, i) % perThread.size());
    }

    List<LuaState> states() {
        List<LuaState> all = new ArrayList<>();
        all.add(shared);
        all.addAll(perThread);
        return all;
    }

    /**
     * Runs every {@code core.register_init} function (on the calling thread, where they may block,
     * as HAProxy's init context does), then starts the tasks: the shared state's spread over the
     * loops, each per-thread state's on its own loop.
     */
    public void start(EventExecutorGroup group) {
        List<EventExecutor> all = new ArrayList<>();
        for (Iterator<EventExecutor> it = group.iterator(); it.hasNext(); ) {
            all.add(it.next());
        }
        loops = List.copyOf(all);
        for (LuaState s : states()) {
            for (int fn : s.registrations.inits) {
                runInit(s, fn);
            }
        }
        for (LuaState s : states()) {
            EventExecutor own = s.thread() == 0 ? null : loops.get((s.thread() - 1) % loops.size());
            for (int fn : s.registrations.tasks) {
                startTask(s, own != null ? own : nextLoop(), fn);
            }
            s.registrations.tasks.clear();
        }
    }

    EventExecutor nextLoop() {
        List<EventExecutor> l = loops;
        return l.get(Math.floorMod(nextLoop.getAndIncrement(), l.size()));
    }

    private void runInit(LuaState s, int fn) {
        s.lock().lock();
        try {
            var L = s.main();
            int top = L.getTop();
            L.refGet(fn);
            try {
                L.pCall(0, 0);
            } catch (party.iroiro.luajava.LuaException e) {
                if (!String.valueOf(e.getMessage()).endsWith(CoreLibrary.DONE)) {
                    log(LogLevel.ERR, "Lua init: " + describe(e.getMessage()) + ".");
                }
            }
            L.setTop(top);
        } finally {
            s.lock().unlock();
        }
    }

    /** Starts a task's function as a coroutine on {@code loop}; an error ends that task only. */
    void startTask(LuaState s, EventExecutor loop, int fn) {
        if (closed) {
            return;
        }
        Coroutine.start(s, loop, "task", limits.taskMs(), fn, t -> 0, error -> {
            if (error != null && !error.endsWith(CoreLibrary.DONE)) {
                log(LogLevel.ERR, "Lua task: " + describe(error) + ".");
            }
        });
    }

    /** The state serving connections of {@code loop} for service {@code name}: the shared one if it registered it. */
    LuaState serviceState(String name, EventExecutor loop) {
        return shared.registrations.services.containsKey(name) ? shared : stateFor(loop);
    }

    /** The {@code tcp} service named {@code lua.NAME} in the configuration, if a script registered it. */
    public java.util.Optional<io.haven.core.tcp.TcpService> tcpService(String configName) {
        if (!configName.startsWith("lua.")) {
            return java.util.Optional.empty();
        }
        String name = configName.substring(4);
        Registrations.Service svc = registered(r -> r.services.get(name));
        if (svc == null || !svc.mode().equals("tcp")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new LuaTcpService(this, name));
    }

    /**
     * The {@code http} service named {@code lua.NAME} in the configuration: null if no script
     * registered it, an IllegalArgumentException if it is a {@code tcp} service.
     */
    public io.haven.core.http.HttpService httpService(String configName) {
        if (!configName.startsWith("lua.")) {
            return null;
        }
        String name = configName.substring(4);
        Registrations.Service svc = registered(r -> r.services.get(name));
        if (svc == null) {
            return null;
        }
        if (!svc.mode().equals("http")) {
            throw new IllegalArgumentException("service '" + configName + "' is a Lua 'tcp' service: http-request use-service needs an 'http' service");
        }
        return new LuaHttpService(this, name);
    }

    /** Names as the scripts' fetches, converters and maps resolve them. */
    GenerationLookup lookup() {
        return lookup;
    }

    /** Binds the configuration's {@code lua.NAME} actions, fetches and converters to the scripts' registrations. */
    public io.haven.core.extension.ExtensionResolver extensions() {
        return new LuaExtensions(this);
    }

    /** What the shared state registered under a name, else what the (first) per-thread state did; null if neither. */
    <T> T registered(java.util.function.Function<Registrations, T> find) {
        T t = find.apply(shared.registrations);
        if (t == null && !perThread.isEmpty()) {
            t = find.apply(perThread.get(0).registrations);
        }
        return t;
    }

    /** The state that runs a registration for a stream on {@code loop}: the shared one if it has it, else the loop's own. */
    LuaState registrant(java.util.function.Predicate<Registrations> has, EventExecutor loop) {
        if (has.test(shared.registrations) || perThread.isEmpty()) {
            return shared;
        }
        return loop == null ? perThread.get(0) : stateFor(loop);
    }

    /** Variables of scope {@code proc}, shared by every state of this runtime. */
    java.util.Map<String, Object> procVars() {
        return procVars;
    }

    /** The cli commands the scripts registered ({@code core.register_cli}), the last one of a path winning. */
    public List<LuaCliCommand> cliCommands() {
        java.util.Map<List<String>, LuaCliCommand> byWords = new java.util.LinkedHashMap<>();
        for (LuaState s : states()) {
            if (s.thread() <= 1) { // per-thread states register the same commands: the first one answers
                for (Registrations.Cli c : s.registrations.clis) {
                    byWords.put(c.words(), new LuaCliCommand(this, s, c));
                }
            }
        }
        return List.copyOf(byWords.values());
    }

    /** HAProxy's wording of a coroutine's end: limits by name, anything else as a runtime error. */
    static String describe(String error) {
        return error.equals("execution timeout") || error.equals("not enough memory") ? error : "runtime error: " + error;
    }

    boolean closed() {
        return closed;
    }

    /** Stops the tasks now and each state once nothing runs in it any more. */
    @Override
    public void close() {
        closed = true;
        for (LuaState s : states()) {
            s.close();
        }
    }
}
