package io.haven.core;

import io.haven.core.server.Server;
import java.net.InetAddress;

/**
 * A balancing algorithm ({@code balance ...}). One instance per backend and generation; called
 * from every event loop, so implementations are thread-safe and avoid contended locks.
 */
public interface LoadBalancer {
    /**
     * Picks a server from {@code lb} that has a free connection slot, or null if all are full
     * (the connection then waits in the backend queue).
     *
     * @param client the client's address, for hashing algorithms
     * @param avoid a server to skip if another is available (the one that just failed), or null
     */
    Server pick(LbSnapshot lb, InetAddress client, Server avoid);

    /** Creates the balancer of one backend. */
    @FunctionalInterface
    interface Factory {
        LoadBalancer create(io.haven.config.model.BalanceAlgorithm algorithm);
    }
}
