package io.haven.core.server;

/**
 * One completed health check.
 *
 * @param code the HTTP status or protocol error code for layer-7 checks, 0 otherwise
 * @param info a short free text such as "Connection refused" or the check's expect failure
 * @param durationMs time from the start of the check to its result
 */
public record CheckResult(CheckStatus status, int code, String info, long durationMs) {
    public static final CheckResult INITIAL = new CheckResult(CheckStatus.INI, 0, "", 0);

    public static CheckResult of(CheckStatus status, String info, long durationMs) {
        return new CheckResult(status, 0, info, durationMs);
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
