package io.haven.cluster.agent;

import java.time.Duration;

/** The end of one operation's timeout, on the monotonic clock. */
public record Deadline(long nanos) {

    public static Deadline after(Duration timeout) {
        return new Deadline(System.nanoTime() + timeout.toNanos());
    }

    public Duration remaining() {
        return Duration.ofNanos(Math.max(0, nanos - System.nanoTime()));
    }

    public boolean passed() {
        return nanos - System.nanoTime() <= 0;
    }

    /** {@code wanted}, shortened so it ends at the deadline. */
    public Duration cap(Duration wanted) {
        Duration left = remaining();
        return wanted.compareTo(left) < 0 ? wanted : left;
    }
}
