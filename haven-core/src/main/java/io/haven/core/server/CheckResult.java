package io.haven.core.server;

/**
 * One completed health check.
 *
 * @param code the HTTP status or protocol error code for layer-7 checks, 0 otherwise
 * @param info a short free text such as "Connection refused" or the check's expect failure
 * @param durationMs time from the start of the check to its result
 * @param lagExclusion a conditional pass (L7OKC) given for replication lag by
 *     {@code option mysql-lag-check}, which {@code set server B/S pool in} overrides; false for
 *     every other result, a 404 under {@code disable-on-404} included
 */
public record CheckResult(CheckStatus status, int code, String info, long durationMs, boolean lagExclusion) {
    public static final CheckResult INITIAL = new CheckResult(CheckStatus.INI, 0, "", 0);

    public CheckResult(CheckStatus status, int code, String info, long durationMs) {
        this(status, code, info, durationMs, false);
    }

    public static CheckResult of(CheckStatus status, String info, long durationMs) {
        return new CheckResult(status, 0, info, durationMs);
    }

    /** This result, marked as excluding the server for replication lag. */
    public CheckResult forLag() {
        return new CheckResult(status, code, info, durationMs, true);
    }

    /** The "reason: ..." part of HAProxy's state change messages. */
    public String describe() {
        StringBuilder b = new StringBuilder(status.description());
        if (status.hasCode() && code != 0) {
            b.append(", code: ").append(code);
        }
        if (info != null && !info.isEmpty()) {
            b.append(", info: \"").append(info).append('"');
        }
        b.append(", check duration: ").append(durationMs).append("ms");
        return b.toString();
    }
}
