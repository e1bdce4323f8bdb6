package io.haven.proxy.balance;

import io.haven.config.model.BalanceAlgorithm;
import io.haven.core.LoadBalancer;

/** Creates the balancer for each {@code balance} keyword. */
public final class Balancers {
    private Balancers() {
    }

    public static LoadBalancer create(BalanceAlgorithm algorithm) {
        return switch (algorithm) {
            case ROUNDROBIN -> new RoundRobinBalancer();
            case STATIC_RR -> new StaticRoundRobinBalancer();
            case LEASTCONN -> new LeastConnBalancer();
            case FIRST -> new FirstBalancer();
            case SOURCE -> new SourceBalancer();
            case RANDOM -> new RandomBalancer();
        };
    }

    /** Whether {@code s} may be chosen now: a free slot and not the server to avoid (unless it is the only one). */
    static boolean eligible(io.haven.core.server.Server s, io.haven.core.server.Server avoid, int size) {
        return s.slots().hasFree() && s.effectiveWeight() > 0 && (s != avoid || size == 1);
    }
}
