package io.haven.proxy.balance;

import io.haven.core.LbSnapshot;
import io.haven.core.LoadBalancer;
import io.haven.core.server.Server;
import java.net.InetAddress;

/**
 * {@code balance first}: the first server in declaration order with a free slot, so that the
 * fewest servers are used; meant for servers with {@code maxconn}.
 */
final class FirstBalancer implements LoadBalancer {
    @Override
    public Server pick(LbSnapshot lb, InetAddress client, Server avoid) {
        for (Server s : lb.servers()) {
            if (Balancers.eligible(s, avoid, lb.size())) {
                return s;
            }
        }
        return null;
    }
}
