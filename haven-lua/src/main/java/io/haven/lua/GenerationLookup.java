package io.haven.lua;

import io.haven.core.Backend;
import io.haven.core.Frontend;
import io.haven.core.Generation;
import io.haven.core.acl.Lookup;
import io.haven.core.map.MapRegistry;

/**
 * Names as scripts see them: the proxies and maps of the generation the scripts were loaded
 * with, or none and a map registry of their own when there is no generation (tools and tests).
 */
final class GenerationLookup implements Lookup {
    private final Generation generation;
    private final MapRegistry maps;

    GenerationLookup(Generation generation) {
        this.generation = generation;
        this.maps = generation != null ? generation.maps() : new MapRegistry();
    }

    @Override
    public Backend backend(String name) {
        return generation == null ? null : generation.backend(name).orElse(null);
    }

    @Override
    public Frontend frontend(String name) {
        return generation == null ? null : generation.frontend(name).orElse(null);
    }

    @Override
    public MapRegistry maps() {
        return maps;
    }
}
