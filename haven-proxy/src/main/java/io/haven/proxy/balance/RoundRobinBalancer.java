package io.haven.proxy.balance;

import io.haven.core.LbSnapshot;
import io.haven.core.LoadBalancer;
import io.haven.core.server.Server;
import java.net.InetAddress;

/**
 * {@code balance roundrobin}: smooth weighted round robin, so each server gets its share of
 * connections interleaved rather than in bursts; weights may change at run time. State is
 * rebuilt when the backend's snapshot changes.
 */
final class RoundRobinBalancer implements LoadBalancer {
    private long version = -1;
    private Server[] servers = new Server[0];
    private int[] current = new int[0];

    @Override
    public synchronized Server pick(LbSnapshot lb, InetAddress client, Server avoid) {
        if (lb.version() != version) {
            version = lb.version();
            servers = lb.servers();
            current = new int[servers.length];
        }
        int total = 0;
        int best = -1;
        for (int i = 0; i < servers.length; i++) {
            Server s = servers[i];
            if (!Balancers.eligible(s, avoid, servers.length)) {
                continue;
            }
            int w = s.effectiveWeight();
            current[i] += w;
            total += w;
            if (best < 0 || current[i] > current[best]) {
                best = i;
            }
        }
        if (best < 0) {
            return null;
        }
        current[best] -= total;
        return servers[best];
    }
}
