package io.haven.cluster.agent.vip;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The one thread that renews every {@code vip} lease of this process. */
final class LeaseTimer {
    static final ScheduledExecutorService INSTANCE = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "haven-vip-lease");
        t.setDaemon(true);
        return t;
    });

    private LeaseTimer() {
    }
}
