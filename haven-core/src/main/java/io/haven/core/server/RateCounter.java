package io.haven.core.server;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Events per second over the last complete second, HAProxy's "rate" columns, plus the highest
 * rate seen. Cheap enough to bump per connection: one atomic add in the common case.
 */
public final class RateCounter {
    private final AtomicLong current = new AtomicLong();
    private volatile long second = System.currentTimeMillis() / 1000;
    private volatile long previous;
    private volatile long max;

    public void increment() {
        roll();
        long c = current.incrementAndGet();
        if (c > max) {
            max = c;
        }
    }

    /** Events in the last complete second (or the current one if it holds more). */
    public long rate() {
        roll();
        return Math.max(previous, current.get());
    }

    public long max() {
        return max;
    }

    private void roll() {
        long now = System.currentTimeMillis() / 1000;
        long s = second;
        if (now != s) {
            synchronized (this) {
                if (second != now) {
                    previous = now == second + 1 ? current.get() : 0;
                    current.set(0);
                    second = now;
                }
            }
        }
    }
}
