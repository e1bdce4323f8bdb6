package io.haven.proxy.balance;

import io.haven.core.LbSnapshot;
import io.haven.core.LoadBalancer;
import io.haven.core.server.Server;
import java.net.InetAddress;

/**
 * {@code balance source}: hashes the client's address over the total weight of usable servers
 * (HAProxy's map-based hashing), so a client keeps its server while the server set is unchanged.
 * If the chosen server is full or to be avoided, the next eligible one in order is used.
 */
final class SourceBalancer implements LoadBalancer {
    @Override
    public Server pick(LbSnapshot lb, InetAddress client, Server avoid) {
        Server[] servers = lb.servers();
        int total = lb.totalWeight();
        if (total == 0) {
            return null;
        }
        int point = Math.floorMod(hash(client), total);
        int start = 0;
        for (int i = 0; i < servers.length; i++) {
            point -= servers[i].effectiveWeight();
            if (point < 0) {
                start = i;
                break;
            }
        }
        for (int k = 0; k < servers.length; k++) {
            Server s = servers[(start + k) % servers.length];
            if (Balancers.eligible(s, avoid, servers.length)) {
                return s;
            }
        }
        return null;
    }

    private static int hash(InetAddress client) {
        int h = 0;
        for (byte b : client.getAddress()) {
            h = h * 31 + (b & 0xff);
        }
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        return h;
    }
}
