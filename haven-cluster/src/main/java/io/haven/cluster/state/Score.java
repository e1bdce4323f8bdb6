package io.haven.cluster.state;

/**
 * Pacemaker's score arithmetic: {@link #INFINITY} is 1,000,000; anything plus INFINITY is INFINITY,
 * anything minus INFINITY is -INFINITY, and INFINITY - INFINITY is -INFINITY (a ban wins).
 */
public final class Score {
    public static final int INFINITY = 1_000_000;

    private Score() {
    }

    public static int add(int a, int b) {
        if (a <= -INFINITY || b <= -INFINITY) {
            return -INFINITY;
        }
        if (a >= INFINITY || b >= INFINITY) {
            return INFINITY;
        }
        return (int) Math.max(-INFINITY, Math.min(INFINITY, (long) a + b));
    }

    public static String format(int score) {
        return score >= INFINITY ? "inf" : score <= -INFINITY ? "-inf" : Integer.toString(score);
    }
}
