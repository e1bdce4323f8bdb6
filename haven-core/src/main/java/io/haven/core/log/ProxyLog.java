package io.haven.core.log;

import io.haven.config.model.LogTarget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The log of one proxy (or of the process): its {@code log} targets, each with its format,
 * facility and level. Sinks are shared process-wide by destination.
 */
public final class ProxyLog {
    public static final ProxyLog NONE = new ProxyLog(List.of());
    private static final Map<String, LogSink> SINKS = new ConcurrentHashMap<>();

    private record Target(LogTarget config, LogLevel maxLevel, LogSink sink) {
    }

    private final List<Target> targets;

    private ProxyLog(List<Target> targets) {
        this.targets = targets;
    }

    public static ProxyLog of(List<LogTarget> configs) {
        if (configs.isEmpty()) {
            return NONE;
        }
        List<Target> ts = new ArrayList<>();
        for (LogTarget c : configs) {
            ts.add(new Target(c, LogLevel.byName(c.level()), sink(c)));
        }
        return new ProxyLog(ts);
    }

    private static LogSink sink(LogTarget c) {
        return switch (c.kind()) {
            case STDOUT -> SINKS.computeIfAbsent("stdout", k -> new StreamSink(System.out, "stdout"));
            case STDERR -> SINKS.computeIfAbsent("stderr", k -> new StreamSink(System.err, "stderr"));
            case UDP -> SINKS.computeIfAbsent("udp:" + c.host() + ":" + c.port(), k -> {
                try {
                    return new UdpSyslogSink(new InetSocketAddress(c.host(), c.port()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        };
    }

    public boolean enabled() {
        return !targets.isEmpty();
    }

    public void emit(LogLevel level, String message) {
        for (Target t : targets) {
            if (level.ordinal() <= t.maxLevel().ordinal()) {
                t.sink().write(SyslogFormat.frame(t.config().format(), t.config().facility(), level, message));
            }
        }
    }

    /** Waits (bounded) until stdout and stderr sinks wrote what they hold; used at shutdown. */
    public static void flushAll(long timeoutMs) {
        for (LogSink s : SINKS.values()) {
            if (s instanceof StreamSink ss) {
                ss.flush(timeoutMs);
            }
        }
    }
}
