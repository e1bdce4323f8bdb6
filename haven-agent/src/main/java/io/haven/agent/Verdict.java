package io.haven.agent;

/**
 * One answer of the agent: the HTTP status HAProxy judges and a one-line reason for humans.
 *
 * @param status 200, 404, 503 (or 400 for a bad query parameter)
 * @param reason the body without its line end, e.g. {@code lagging: lag 3.200s > max-lag 1.000s}
 */
public record Verdict(int status, String reason) {
    static Verdict ok(String reason) {
        return new Verdict(200, reason);
    }

    static Verdict outside(String reason) {
        return new Verdict(404, reason);
    }

    static Verdict unavailable(String reason) {
        return new Verdict(503, reason);
    }
}
