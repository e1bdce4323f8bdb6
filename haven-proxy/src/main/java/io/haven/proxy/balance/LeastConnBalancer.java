package io.haven.proxy.balance;

import io.haven.core.LbSnapshot;
import io.haven.core.LoadBalancer;
import io.haven.core.server.Server;
import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code balance leastconn}: the server with the fewest current connections relative to its
 * weight; ties rotate so that equal servers share the load, as HAProxy does.
 */
final class LeastConnBalancer implements LoadBalancer {
    private final AtomicInteger rotation = new AtomicInteger();

    @Override
    public Server pick(LbSnapshot lb, InetAddress client, Server avoid) {
        Server[] servers = lb.servers();
        int n = servers.length;
        int start = Math.floorMod(rotation.getAndIncrement(), n);
        Server best = null;
        long bestNum = 0;
        long bestDen = 1;
        for (int k = 0; k < n; k++) {
            Server s = servers[(start + k) % n];
            if (!Balancers.eligible(s, avoid, n)) {
                continue;
            }
            long num = s.counters().current.get() + 1L;
            long den = s.effectiveWeight();
            if (best == null || num * bestDen < bestNum * den) {
                best = s;
                bestNum = num;
                bestDen = den;
            }
        }
        return best;
    }
}
