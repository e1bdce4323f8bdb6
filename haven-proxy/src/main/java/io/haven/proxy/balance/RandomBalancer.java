package io.haven.proxy.balance;

import io.haven.core.LbSnapshot;
import io.haven.core.LoadBalancer;
import io.haven.core.server.Server;
import java.net.InetAddress;
import java.util.concurrent.ThreadLocalRandom;

/**
 * {@code balance random}: HAProxy's default {@code random(2)}, two weighted random draws and
 * the one with fewer connections per weight wins ("power of two choices").
 */
final class RandomBalancer implements LoadBalancer {
    @Override
    public Server pick(LbSnapshot lb, InetAddress client, Server avoid) {
        Server a = draw(lb, avoid);
        Server b = draw(lb, avoid);
        if (a == null || b == null) {
            return a != null ? a : b;
        }
        long la = (a.counters().current.get() + 1L) * b.effectiveWeight();
        long lb2 = (b.counters().current.get() + 1L) * a.effectiveWeight();
        return la <= lb2 ? a : b;
    }

    private static Server draw(LbSnapshot lb, Server avoid) {
        Server[] servers = lb.servers();
        int total = 0;
        for (Server s : servers) {
            if (Balancers.eligible(s, avoid, servers.length)) {
                total += s.effectiveWeight();
            }
        }
        if (total == 0) {
            return null;
        }
        int point = ThreadLocalRandom.current().nextInt(total);
        for (Server s : servers) {
            if (Balancers.eligible(s, avoid, servers.length)) {
                point -= s.effectiveWeight();
                if (point < 0) {
                    return s;
                }
            }
        }
        return null;
    }
}
