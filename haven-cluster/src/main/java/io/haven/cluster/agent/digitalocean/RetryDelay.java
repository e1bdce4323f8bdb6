package io.haven.cluster.agent.digitalocean;

import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long to wait before retrying: what a 429 asks for ({@code retry-after} seconds, else the
 * {@code ratelimit-reset} epoch second when nothing remains), otherwise exponential backoff from
 * {@link #FIRST} doubling up to {@link #MAX}, with jitter so two nodes do not retry in step.
 */
final class RetryDelay {
    /** First backoff: 200 ms. */
    static final Duration FIRST = Duration.ofMillis(200);
    /** Longest backoff: 5 s. */
    static final Duration MAX = Duration.ofSeconds(5);

    private RetryDelay() {
    }

    static Duration backoff(int attempt) {
        long ms = Math.min(MAX.toMillis(), FIRST.toMillis() << Math.min(attempt, 10));
        return Duration.ofMillis(ms / 2 + ThreadLocalRandom.current().nextLong(ms / 2 + 1));
    }

    /** The delay a 429 answer asks for, if it says. */
    static Optional<Duration> rateLimited(HttpHeaders headers, long nowMillis) {
        Optional<Long> retryAfter = number(headers, "retry-after");
        if (retryAfter.isPresent()) {
            return Optional.of(Duration.ofSeconds(Math.max(0, retryAfter.get())));
        }
        Optional<Long> remaining = number(headers, "ratelimit-remaining");
        Optional<Long> reset = number(headers, "ratelimit-reset");
        if (reset.isPresent() && remaining.orElse(0L) == 0) {
            return Optional.of(Duration.ofMillis(Math.max(0, reset.get() * 1000 - nowMillis)));
        }
        return Optional.empty();
    }

    private static Optional<Long> number(HttpHeaders headers, String name) {
        try {
            return headers.firstValue(name).map(String::strip).map(Long::parseLong);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
