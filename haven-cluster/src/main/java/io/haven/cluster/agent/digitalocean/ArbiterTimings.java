package io.haven.cluster.agent.digitalocean;

import java.time.Duration;
import java.util.Objects;

/**
 * The times of a {@link FloatingIpArbiter}.
 *
 * @param timeout the whole decision, API calls and waits included (default 30 s: two DigitalOcean
 *                actions, whose documented example took 11 s); past it the answer is no
 * @param grace   how long a node that does not hold the IP lets the holder claim it first (default 2 s)
 * @param recent  an IP assigned to the other droplet by an action that completed less than this ago
 *                is left to it (default 10 s): the other side claimed it for this same partition.
 *                It must exceed how much later one side of a cut link notices than the other
 */
public record ArbiterTimings(Duration timeout, Duration grace, Duration recent) {
    /** Default {@link #timeout}: 30 s. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    /** Default {@link #grace}: 2 s. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(2);
    /** Default {@link #recent}: 10 s. */
    public static final Duration DEFAULT_RECENT = Duration.ofSeconds(10);

    public ArbiterTimings {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(recent, "recent");
        if (timeout.isZero() || timeout.isNegative() || grace.isNegative() || recent.isNegative()) {
            throw new IllegalArgumentException("arbiter timeout must be more than 0, grace and recent at least 0");
        }
    }

    public static ArbiterTimings defaults() {
        return new ArbiterTimings(DEFAULT_TIMEOUT, DEFAULT_GRACE, DEFAULT_RECENT);
    }

    /** The defaults with another {@link #timeout}. */
    public static ArbiterTimings withTimeout(Duration timeout) {
        return new ArbiterTimings(timeout, DEFAULT_GRACE, DEFAULT_RECENT);
    }
}
