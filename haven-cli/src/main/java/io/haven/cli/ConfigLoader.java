package io.haven.cli;

import io.haven.admin.stats.StatsPages;
import io.haven.config.ConfigException;
import io.haven.config.ConfigParser;
import io.haven.config.model.Config;
import io.haven.core.Generation;
import io.haven.core.GenerationBuilder;
import io.haven.core.server.ServerEvents;
import io.haven.proxy.balance.Balancers;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * Reads the configuration files and builds a generation from them, stats pages installed: the one
 * path used by -c, start and reload.
 */
final class ConfigLoader {
    private final List<Path> files;
    private Supplier<Generation> serving = () -> null;
    private final LuaScripts lua = new LuaScripts();

    ConfigLoader(List<Path> files) {
        this.files = List.copyOf(files);
    }

    List<Path> files() {
        return files;
    }

    Config parse() throws ConfigException {
        return new ConfigParser().parseFiles(files);
    }

    /** The generation serving new connections, which stats pages show; none until the first one serves. */
    void serving(Supplier<Generation> current) {
        this.serving = current;
    }

    Generation build(Config config, Generation previous, ServerEvents events) throws ConfigException {
        Generation g = new GenerationBuilder(Balancers::create).build(config, previous, events);
        StatsPages.install(g, serving, Version.version());
        lua.load(config, g);
        return g;
    }

    /** The Lua of the generations this loader built. */
    LuaScripts lua() {
        return lua;
    }
}
