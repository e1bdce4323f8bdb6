package io.haven.proxy;

import io.haven.core.server.Server;
import io.netty.util.concurrent.FastThreadLocal;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;

/**
 * Idle server connections kept for reuse ({@code http-reuse}), one pool per event loop so that
 * taking and giving back needs no lock: a session only uses connections of its own loop. The
 * most recently used connection is taken first (it is the least likely to have been closed by
 * the server's keep-alive timeout). A connection the server closes leaves the pool at once.
 */
final class ServerConnectionPool {
    /** HAProxy's {@code pool-max-conn} is unlimited by default; a bound per server and loop keeps file descriptors in check. */
    private static final int MAX_IDLE_PER_SERVER = 512;

    private static final FastThreadLocal<Map<Server, ArrayDeque<ServerConnection>>> IDLE = new FastThreadLocal<>() {
        @Override
        protected Map<Server, ArrayDeque<ServerConnection>> initialValue() {
            return new HashMap<>();
        }
    };

    private ServerConnectionPool() {
    }

    /** An idle connection to {@code server}, now owned by {@code session}, or null. */
    static ServerConnection take(Server server, HttpSession session) {
        ArrayDeque<ServerConnection> idle = IDLE.get().get(server);
        if (idle == null) {
            return null;
        }
        ServerConnection c;
        while ((c = idle.pollLast()) != null) {
            if (c.usable()) {
                c.owner = session;
                return c;
            }
        }
        return null;
    }

    /** Keeps {@code c} for a later request; closes it when the pool for its server is full. */
    static void give(ServerConnection c) {
        c.owner = null;
        ArrayDeque<ServerConnection> idle = IDLE.get().computeIfAbsent(c.server, s -> new ArrayDeque<>());
        if (idle.size() >= MAX_IDLE_PER_SERVER) {
            c.channel.close();
            return;
        }
        idle.addLast(c);
    }

    /** Forgets a connection that closed while idle. */
    static void closed(ServerConnection c) {
        ArrayDeque<ServerConnection> idle = IDLE.get().get(c.server);
        if (idle != null) {
            idle.remove(c);
            if (idle.isEmpty()) {
                IDLE.get().remove(c.server);
            }
        }
    }
}
