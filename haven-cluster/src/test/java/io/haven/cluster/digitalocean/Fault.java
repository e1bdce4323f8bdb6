package io.haven.cluster.digitalocean;

import java.time.Duration;

/**
 * One injected misbehaviour for the next API request: answer {@code status} (0: answer normally)
 * after {@code delay}, with a {@code retry-after} header when {@code retryAfterSeconds} is not null.
 */
record Fault(int status, Integer retryAfterSeconds, Duration delay) {
}
