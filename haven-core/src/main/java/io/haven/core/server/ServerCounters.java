package io.haven.core.server;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Per-server traffic counters, updated from the event loops without locks. */
public final class ServerCounters {
    public final AtomicInteger current = new AtomicInteger();
    public final AtomicInteger max = new AtomicInteger();
    public final LongAdder total = new LongAdder();
    public final LongAdder bytesIn = new LongAdder();
    public final LongAdder bytesOut = new LongAdder();
    public final LongAdder connectErrors = new LongAdder();
    public final LongAdder responseErrors = new LongAdder();
    public final LongAdder retries = new LongAdder();
    public final LongAdder redispatches = new LongAdder();
    public final LongAdder failedChecks = new LongAdder();
    public final LongAdder downTransitions = new LongAdder();
    public final RateCounter sessionRate = new RateCounter();
    public final io.haven.core.http.HttpCounters http = new io.haven.core.http.HttpCounters();

    void noteMax(int value) {
        int m;
        while (value > (m = max.get()) && !max.compareAndSet(m, value)) {
            // retry
        }
    }
}
