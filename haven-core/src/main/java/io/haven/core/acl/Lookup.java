package io.haven.core.acl;

import io.haven.core.Backend;
import io.haven.core.Frontend;

/** Resolves names (proxies, maps, userlists) when a fetch or converter is compiled; returns null for unknown names. */
public interface Lookup {
    Backend backend(String name);

    Frontend frontend(String name);

    /** The generation's map files, loaded on first use; null where maps are not available. */
    default io.haven.core.map.MapRegistry maps() {
        return null;
    }

    /** The generation's late-bound names ({@code lua.NAME}); null where none can be bound. */
    default io.haven.core.extension.Extensions extensions() {
        return null;
    }

    /** Tells the extensions where the configuration compiled next was written (for their errors). */
    default void at(io.haven.config.SourceLocation location) {
        io.haven.core.extension.Extensions e = extensions();
        if (e != null) {
            e.at(location);
        }
    }

    /** A {@code userlist} section by name, or null. */
    default io.haven.core.auth.Userlist userlist(String name) {
        return null;
    }
}
