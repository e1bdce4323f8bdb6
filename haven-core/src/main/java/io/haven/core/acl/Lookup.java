package io.haven.core.acl;

import io.haven.core.Backend;
import io.haven.core.Frontend;

/** Resolves proxy names when a fetch is compiled; returns null for unknown names. */
public interface Lookup {
    Backend backend(String name);

    Frontend frontend(String name);
}
