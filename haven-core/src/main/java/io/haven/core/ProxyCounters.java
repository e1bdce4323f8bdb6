package io.haven.core;

import io.haven.core.server.RateCounter;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/** Per-frontend or per-backend counters, updated from the event loops without locks. */
public final class ProxyCounters {
    public final AtomicInteger current = new AtomicInteger();
    public final AtomicInteger max = new AtomicInteger();
    public final LongAdder total = new LongAdder();
    public final LongAdder bytesIn = new LongAdder();
    public final LongAdder bytesOut = new LongAdder();
    public final LongAdder denied = new LongAdder();
    public final LongAdder requestErrors = new LongAdder();
    public final LongAdder connectErrors = new LongAdder();
    public final LongAdder responseErrors = new LongAdder();
    public final LongAdder retries = new LongAdder();
    public final LongAdder redispatches = new LongAdder();
    public final LongAdder balanced = new LongAdder();
    public final AtomicInteger queueMax = new AtomicInteger();
    public final RateCounter sessionRate = new RateCounter();
    public final io.haven.core.http.HttpCounters http = new io.haven.core.http.HttpCounters();

    /** Counts a new connection; returns the new current count. */
    public int open() {
        int c = current.incrementAndGet();
        total.increment();
        sessionRate.increment();
        int m;
        while (c > (m = max.get()) && !max.compareAndSet(m, c)) {
            // retry
        }
        return c;
    }

    public void close() {
        current.decrementAndGet();
    }
}
