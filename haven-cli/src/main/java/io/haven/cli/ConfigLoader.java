package io.haven.cli;

import io.haven.config.ConfigException;
import io.haven.config.ConfigParser;
import io.haven.config.model.Config;
import io.haven.core.Generation;
import io.haven.core.GenerationBuilder;
import io.haven.core.server.ServerEvents;
import io.haven.proxy.balance.Balancers;
import java.nio.file.Path;
import java.util.List;

/** Reads the configuration files and builds a generation from them: the one path used by -c, start and reload. */
final class ConfigLoader {
    private final List<Path> files;
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

    Generation build(Config config, Generation previous, ServerEvents events) throws ConfigException {
        Generation g = new GenerationBuilder(Balancers::create).build(config, previous, events);
        lua.load(config, g);
        return g;
    }

    /** The Lua of the generations this loader built. */
    LuaScripts lua() {
        return lua;
    }
}
