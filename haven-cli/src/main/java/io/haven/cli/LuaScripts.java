package io.haven.cli;

import io.haven.config.ConfigException;
import io.haven.config.model.Config;
import io.haven.core.Generation;
import io.haven.core.log.LogLevel;
import io.haven.core.log.ProxyLog;
import io.haven.core.tcp.TcpServiceRules;
import io.haven.lua.LuaHost;
import io.haven.lua.LuaRuntime;
import io.netty.util.concurrent.EventExecutorGroup;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lua of each generation: loaded when the generation is built (so a bad script fails the
 * check, the start or the reload like any configuration error), started once the generation
 * serves, and closed when the next one serves (its tasks stop; its states go once their last
 * service ends) or when the generation is discarded.
 */
final class LuaScripts {
    private static final Logger LOG = LoggerFactory.getLogger("haven.lua");
    private final Map<Generation, LuaRuntime> built = new IdentityHashMap<>();
    private volatile Supplier<Map<String, String>> info = LinkedHashMap::new;
    private LuaRuntime serving;
    private io.haven.admin.RuntimeApi api;
    private final java.util.List<String> registered = new java.util.ArrayList<>();

    /** Loads the configuration's scripts for generation {@code g}; none when it has no lua-load line. */
    synchronized void load(Config config, Generation g) throws ConfigException {
        LuaRuntime rt = null;
        if (config.global().lua().enabled()) {
            int threads = config.global().nbthread() > 0 ? config.global().nbthread() : Runtime.getRuntime().availableProcessors();
            rt = LuaRuntime.load(config.global().lua(), threads, host(g));
        }
        LuaRuntime lua = rt;
        try {
            TcpServiceRules.install(g, name -> lua == null ? java.util.Optional.empty() : lua.tcpService(name));
            io.haven.core.http.HttpServiceRules.install(g, name -> lua == null ? null : lua.httpService(name));
            g.extensions().bind(lua == null ? io.haven.core.extension.ExtensionResolver.NONE : lua.extensions());
        } catch (ConfigException e) {
            if (lua != null) {
                lua.close();
            }
            throw e;
        }
        if (lua != null) {
            built.put(g, lua);
        }
    }

    private volatile Class<? extends io.netty.channel.Channel> socketChannel = io.netty.channel.socket.nio.NioSocketChannel.class;

    /** The event loops' channel type, for core.tcp() sockets. */
    void socketChannel(Class<? extends io.netty.channel.Channel> type) {
        this.socketChannel = type;
    }

    /** {@code core.get_info()}'s source: the runtime API's {@code show info}. */
    void info(Supplier<Map<String, String>> source) {
        this.info = source;
    }

    /** Where {@code core.register_cli} commands are served: the process's runtime API. */
    synchronized void api(io.haven.admin.RuntimeApi runtimeApi) {
        this.api = runtimeApi;
    }

    /** Generation {@code g} now serves: its init functions and tasks run, the previous Lua stops. */
    synchronized void serve(Generation g, EventExecutorGroup loops) {
        LuaRuntime next = built.remove(g);
        if (serving != null) {
            serving.close();
        }
        serving = next;
        if (next != null) {
            next.start(loops);
        }
        registerCli(next);
    }

    /** The serving runtime's cli commands replace the previous one's in the runtime API. */
    private void registerCli(LuaRuntime rt) {
        if (api == null) {
            return;
        }
        registered.forEach(api::unregister);
        registered.clear();
        if (rt == null) {
            return;
        }
        for (io.haven.lua.LuaCliCommand c : rt.cliCommands()) {
            String words = String.join(" ", c.words());
            // HAProxy gives Lua commands no level of their own: every session may run them
            api.register(words, words, c.usage(), io.haven.config.model.AccessLevel.USER, (args, session) -> c.run(args));
            registered.add(words);
        }
    }

    /** Generation {@code g} will never serve (a check, a failed reload). */
    synchronized void discard(Generation g) {
        LuaRuntime rt = built.remove(g);
        if (rt != null) {
            rt.close();
        }
    }

    synchronized void close() {
        if (serving != null) {
            serving.close();
            serving = null;
        }
        built.values().forEach(LuaRuntime::close);
        built.clear();
    }

    /** core.log goes to the global log targets and, as HAProxy prints it on stderr, to the program log. */
    private LuaHost host(Generation g) {
        ProxyLog global = g.globalLog();
        return new LuaHost() {
            @Override
            public Generation generation() {
                return g;
            }

            @Override
            public void log(LogLevel level, String message) {
                global.emit(level, message);
                LuaHost.programLog(LOG, level, message);
            }

            @Override
            public Map<String, String> info() {
                return info.get();
            }

            @Override
            public Class<? extends io.netty.channel.Channel> socketChannel() {
                return socketChannel;
            }
        };
    }
}
