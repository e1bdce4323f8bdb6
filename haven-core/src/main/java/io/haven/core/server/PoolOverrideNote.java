package io.haven.core.server;

/**
 * A server's pool override with who set it, when and why, as {@code show pools} prints it and
 * the server event log says it.
 *
 * @param reason the operator's free text, "" when none was given
 * @param who the identity of the runtime API session: {@code unix:PATH} for a unix socket, the
 *     peer's {@code ip:port} for TCP; "" for {@link #NONE}
 * @param level the session's access level (admin, operator, user); "" for {@link #NONE}
 * @param atMillis when it was set, epoch ms; 0 for {@link #NONE}
 */
public record PoolOverrideNote(PoolOverride override, String reason, String who, String level, long atMillis) {
    /** No override: the checks decide. */
    public static final PoolOverrideNote NONE = new PoolOverrideNote(PoolOverride.AUTO, "", "", "", 0);

    public PoolOverrideNote {
        reason = reason == null ? "" : reason;
        who = who == null ? "" : who;
        level = level == null ? "" : level;
    }

    /** "unix:/run/haven.sock (admin)". */
    public String by() {
        return level.isEmpty() ? who : who + " (" + level + ")";
    }

    /**
     * What the event log says, after "Server b/s": {@code forced out of the pool by
     * unix:/run/haven.sock (admin): reason "reindexing"}.
     */
    public String describe() {
        String what = switch (override) {
            case OUT -> "forced out of the pool";
            case IN -> "forced into the pool";
            case AUTO -> "returned to the checks' judgement";
        };
        return what + " by " + by() + (reason.isEmpty() ? ", no reason given" : ": reason " + quoted(reason));
    }

    /** The reason in double quotes, with {@code \} and {@code "} escaped by a backslash. */
    public static String quoted(String text) {
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
