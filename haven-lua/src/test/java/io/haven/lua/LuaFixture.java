package io.haven.lua;

import io.haven.config.ConfigException;
import io.haven.config.SourceLocation;
import io.haven.config.model.LuaScript;
import io.haven.config.model.LuaSettings;
import io.haven.core.log.LogLevel;
import io.netty.channel.DefaultEventLoopGroup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Real Lua runtimes from script text, on real event loops, with the log lines they send. */
final class LuaFixture implements AutoCloseable {
    final List<String> logs = new CopyOnWriteArrayList<>();
    final DefaultEventLoopGroup loops = new DefaultEventLoopGroup(2);
    private final Path dir;
    private final List<LuaRuntime> runtimes = new ArrayList<>();

    LuaFixture() throws IOException {
        dir = Files.createTempDirectory("haven-lua");
    }

    final LuaHost host = new LuaHost() {
        @Override
        public void log(LogLevel level, String message) {
            logs.add(level.name().toLowerCase() + " " + message);
        }

        @Override
        public Map<String, String> info() {
            return Map.of("Name", "Haven", "Nbthread", "2");
        }
    };

    Path script(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** Loads one {@code lua-load} script (config line t.cfg:3) with the given limits. */
    LuaRuntime load(String text, LuaSettings limits) throws IOException, ConfigException {
        Path p = script("s" + runtimes.size() + ".lua", text);
        LuaSettings s = new LuaSettings(List.of(new LuaScript(p.toString(), false, new SourceLocation("t.cfg", 3))),
                limits.paths(), limits.maxmemBytes(), limits.forcedYield(), limits.sessionTimeoutMs(),
                limits.serviceTimeoutMs(), limits.taskTimeoutMs());
        LuaRuntime rt = LuaRuntime.load(s, 2, host);
        runtimes.add(rt);
        return rt;
    }

    LuaRuntime load(String text) throws IOException, ConfigException {
        return load(text, LuaSettings.NONE);
    }

    LuaRuntime start(String text) throws IOException, ConfigException {
        LuaRuntime rt = load(text);
        rt.start(loops);
        return rt;
    }

    @Override
    public void close() throws IOException {
        runtimes.forEach(LuaRuntime::close);
        loops.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        try (var files = Files.list(dir)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
        }
        Files.deleteIfExists(dir);
    }
}
