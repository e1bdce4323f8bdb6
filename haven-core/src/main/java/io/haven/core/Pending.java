package io.haven.core;

import io.haven.core.server.Server;

/** A connection waiting in a backend queue for a server slot. */
public interface Pending {
    /**
     * Hands the connection a slot already taken on {@code server}. Returns false if the
     * connection gave up waiting (timeout queue, client gone); the caller then frees the slot.
     * Must not block; the connection continues on its own event loop.
     */
    boolean dispatch(Server server);
}
