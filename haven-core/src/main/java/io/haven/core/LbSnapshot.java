package io.haven.core;

import io.haven.core.server.Server;

/**
 * The servers a balancer may choose from, recomputed whenever a server's status or weight
 * changes: the usable active servers or, when none is usable, the first usable backup (all of
 * them with {@code option allbackups}). The version lets a balancer rebuild derived tables lazily.
 */
public record LbSnapshot(Server[] servers, boolean backup, long version) {
    public int size() {
        return servers.length;
    }

    public int totalWeight() {
        int t = 0;
        for (Server s : servers) {
            t += s.effectiveWeight();
        }
        return t;
    }
}
