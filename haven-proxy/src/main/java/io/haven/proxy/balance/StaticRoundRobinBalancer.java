package io.haven.proxy.balance;

import io.haven.core.LbSnapshot;
import io.haven.core.LoadBalancer;
import io.haven.core.server.Server;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code balance static-rr}: a precomputed interleaved sequence of servers by weight, walked
 * with one atomic counter; weights are read when the snapshot changes.
 */
final class StaticRoundRobinBalancer implements LoadBalancer {
    private final AtomicLong next = new AtomicLong();
    private volatile Table table = new Table(-1, new Server[0]);

    private record Table(long version, Server[] sequence) {
    }

    @Override
    public Server pick(LbSnapshot lb, InetAddress client, Server avoid) {
        Table t = table;
        if (t.version() != lb.version()) {
            t = new Table(lb.version(), sequence(lb.servers()));
            table = t;
        }
        Server[] seq = t.sequence();
        if (seq.length == 0) {
            return null;
        }
        for (int tries = 0; tries < seq.length; tries++) {
            Server s = seq[(int) Math.floorMod(next.getAndIncrement(), (long) seq.length)];
            if (Balancers.eligible(s, avoid, lb.size())) {
                return s;
            }
        }
        return null;
    }

    /** Interleaves servers by weight with the smooth weighted round-robin walk, computed once. */
    private static Server[] sequence(Server[] servers) {
        int total = 0;
        for (Server s : servers) {
            total += s.effectiveWeight();
        }
        List<Server> out = new ArrayList<>(total);
        int[] current = new int[servers.length];
        for (int n = 0; n < total; n++) {
            int best = -1;
            for (int i = 0; i < servers.length; i++) {
                current[i] += servers[i].effectiveWeight();
                if (best < 0 || current[i] > current[best]) {
                    best = i;
                }
            }
            current[best] -= total;
            out.add(servers[best]);
        }
        return out.toArray(new Server[0]);
    }
}
