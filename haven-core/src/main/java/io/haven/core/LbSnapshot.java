package io.haven.core;

import io.haven.core.server.Server;

/**
 * The servers a balancer may choose from, recomputed whenever a server's status or weight
 * changes: the usable active servers or, when none is usable, the first usable backup (all of
 * them with {@code option allbackups}). With {@code option mysql-lag-check ... min-servers N}, the
 * least lagged excluded replicas are added while fewer than N are fresh ({@code degraded} of
 * them). The version lets a balancer rebuild derived tables lazily.
 */
public record LbSnapshot(Server[] servers, boolean backup, long version, int degraded) {
    public int size() {
        return servers.length;
    }

    /** Servers that are usable on their own merit, without the ones added to reach {@code min-servers}. */
    public int fresh() {
        return servers.length - degraded;
    }

    public int totalWeight() {
        int t = 0;
        for (Server s : servers) {
            t += s.effectiveWeight();
        }
        return t;
    }
}
