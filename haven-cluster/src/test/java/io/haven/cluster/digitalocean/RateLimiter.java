package io.haven.cluster.digitalocean;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * DigitalOcean's per-token limits: a sliding window ({@code limit} requests per {@code windowMillis},
 * 5,000 per hour by default) reported in the {@code ratelimit-*} headers, whose excess answers 429
 * without {@code retry-after}; and a burst window (250 per minute) whose excess answers 429 with
 * {@code retry-after}. Requests answered 429 do not count.
 */
final class RateLimiter {
    /** The verdict for one request and the headers to send with it. */
    record Verdict(boolean allowed, long limit, long remaining, long resetEpochSeconds, Long retryAfterSeconds) {
    }

    private final Map<String, Deque<Long>> byToken = new HashMap<>();
    private long limit = 5000;
    private long windowMillis = 3_600_000;
    private long burst = 250;
    private long burstWindowMillis = 60_000;

    synchronized void configure(long limit, long windowMillis, long burst, long burstWindowMillis) {
        this.limit = limit;
        this.windowMillis = windowMillis;
        this.burst = burst;
        this.burstWindowMillis = burstWindowMillis;
        byToken.clear();
    }

    synchronized Verdict admit(String token, long now) {
        Deque<Long> times = byToken.computeIfAbsent(token, t -> new ArrayDeque<>());
        while (!times.isEmpty() && times.peekFirst() <= now - windowMillis) {
            times.pollFirst();
        }
        if (times.size() >= limit) {
            return new Verdict(false, limit, 0, reset(times, now), null);
        }
        long inBurst = times.stream().filter(t -> t > now - burstWindowMillis).count();
        if (inBurst >= burst) {
            long oldestInBurst = times.stream().filter(t -> t > now - burstWindowMillis).findFirst().orElse(now);
            long retryAfter = Math.max(1, (oldestInBurst + burstWindowMillis - now + 999) / 1000);
            return new Verdict(false, limit, limit - times.size(), reset(times, now), retryAfter);
        }
        times.addLast(now);
        return new Verdict(true, limit, limit - times.size(), reset(times, now), null);
    }

    private long reset(Deque<Long> times, long now) {
        long oldest = times.isEmpty() ? now : times.peekFirst();
        // the epoch second at which the oldest request has left the window
        return (oldest + windowMillis + 999) / 1000;
    }
}
