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

    /** A {@code userlist} section by name, or null. */
    default io.haven.core.auth.Userlist userlist(String name) {
        return null;
    }
}
