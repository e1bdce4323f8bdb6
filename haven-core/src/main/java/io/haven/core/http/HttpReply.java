package io.haven.core.http;

/**
 * A response Haven makes itself instead of forwarding (deny, return, redirect, auth, errors).
 * A null {@code body} means "the error page for this status" (HAProxy's default or an
 * {@code errorfile}), which the data plane fills in.
 *
 * @param headers extra header lines (e.g. Location, WWW-Authenticate, Content-Type)
 * @param close   whether the connection closes after the reply
 */
public record HttpReply(int status, String reason, HttpHeaders headers, byte[] body, boolean close) {

    /** No response at all: the connection closes (Lua's {@code act.ABORT}, {@code txn:done()} without a reply). */
    public static final HttpReply ABORT = new HttpReply(0, "abort", new HttpHeaders(), new byte[0], true);

    /** The standard error page for {@code status}. */
    public static HttpReply error(int status) {
        return new HttpReply(status, Reasons.of(status), new HttpHeaders(), null, false);
    }
}
