package io.haven.lua;

import io.haven.core.log.LogLevel;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What Lua scripts see of the running program beyond core's model: where {@code core.log} goes
 * and what {@code core.get_info()} returns ({@code show info}'s fields). The program implements
 * it; {@link #standalone()} serves tests and tools.
 */
public interface LuaHost {

    /** Sends a script's log line (core.log, core.Info, errors of tasks and services). */
    void log(LogLevel level, String message);

    /** {@code show info}'s fields by name, in order. */
    Map<String, String> info();

    /** The generation the scripts run with, for core.proxies, core.frontends and core.backends; null if none. */
    default io.haven.core.Generation generation() {
        return null;
    }

    /** The channel type of the event loops (epoll or NIO), for {@code core.tcp()} sockets. */
    default Class<? extends io.netty.channel.Channel> socketChannel() {
        return io.netty.channel.socket.nio.NioSocketChannel.class;
    }

    /** Logs to the program log only; info has the name, version and pid. */
    static LuaHost standalone() {
        Logger log = LoggerFactory.getLogger("haven.lua");
        return new LuaHost() {
            @Override
            public void log(LogLevel level, String message) {
                programLog(log, level, message);
            }

            @Override
            public Map<String, String> info() {
                Map<String, String> m = new LinkedHashMap<>();
                m.put("Name", "Haven");
                m.put("Pid", Long.toString(ProcessHandle.current().pid()));
                return m;
            }
        };
    }

    /** The program log's level for a syslog level. */
    static void programLog(Logger log, LogLevel level, String message) {
        switch (level) {
            case EMERG, ALERT, CRIT, ERR -> log.error("{}", message);
            case WARNING -> log.warn("{}", message);
            case NOTICE, INFO -> log.info("{}", message);
            case DEBUG -> log.debug("{}", message);
        }
    }
}
