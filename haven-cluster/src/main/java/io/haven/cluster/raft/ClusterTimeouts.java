package io.haven.cluster.raft;

import java.time.Duration;

/**
 * Failure detection and protocol timings. {@link #defaults()} detects a crashed peer (closed
 * sockets, FD_SOCK2) after {@code suspectVerify} (~0.1 s) and a hung or cut-off peer (FD_ALL3)
 * after {@code heartbeatTimeout + suspectVerify} (~1.1 s).
 *
 * @param heartbeatInterval FD_ALL3 heartbeat period; default 100 ms
 * @param heartbeatTimeout  FD_ALL3: a peer silent this long is suspected; default 1 s
 * @param suspectVerify     VERIFY_SUSPECT2: how long a suspect may answer before it is excluded; default 100 ms
 * @param joinTimeout       GMS: how long a starting node looks for a coordinator before it forms its
 *                          own view; default 500 ms
 * @param mergeMin          MERGE3 minimum interval between merge checks (after a partition heals); default 1 s
 * @param mergeMax          MERGE3 maximum interval; default 2 s
 * @param voteTimeout       ELECTION: how long a voting round waits for votes; default 300 ms
 * @param submitTimeout     how long {@link ClusterNode#submit} waits for a commit before failing; default 5 s
 */
public record ClusterTimeouts(Duration heartbeatInterval, Duration heartbeatTimeout, Duration suspectVerify,
                              Duration joinTimeout, Duration mergeMin, Duration mergeMax, Duration voteTimeout,
                              Duration submitTimeout) {

    public ClusterTimeouts {
        positive("heartbeat-interval", heartbeatInterval);
        positive("heartbeat-timeout", heartbeatTimeout);
        positive("suspect-verify", suspectVerify);
        positive("join-timeout", joinTimeout);
        positive("merge-min", mergeMin);
        positive("merge-max", mergeMax);
        positive("vote-timeout", voteTimeout);
        positive("submit-timeout", submitTimeout);
        if (heartbeatTimeout.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("heartbeat-timeout (" + heartbeatTimeout.toMillis()
                    + " ms) must be at least twice heartbeat-interval (" + heartbeatInterval.toMillis() + " ms)");
        }
        if (mergeMax.compareTo(mergeMin) <= 0) {
            throw new IllegalArgumentException("merge-max (" + mergeMax.toMillis()
                    + " ms) must be greater than merge-min (" + mergeMin.toMillis() + " ms)");
        }
    }

    /** The defaults stated on each component above. */
    public static ClusterTimeouts defaults() {
        return new ClusterTimeouts(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMillis(100),
                Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(300),
                Duration.ofSeconds(5));
    }

    private static void positive(String what, Duration d) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be a positive duration, got " + d);
        }
    }
}
