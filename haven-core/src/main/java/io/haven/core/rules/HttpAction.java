package io.haven.core.rules;

import io.haven.core.http.HttpHeaders;
import io.haven.core.http.HttpReply;
import io.haven.core.http.HttpTxn;

/**
 * One compiled {@code http-request}/{@code http-response} action. It edits the transaction and
 * returns null to go on with the next rule, {@link #STOP} to end this rule list ({@code allow}),
 * or a reply Haven sends instead of forwarding ({@code deny}, {@code return}, {@code redirect},
 * {@code auth}). Java and Lua actions implement the same interface.
 *
 * <p>An action that may wait (a Lua action sleeping or reading a socket) says so with
 * {@link #waits()}; the rule engine then calls {@link #apply(HttpTxn, Resume)}, which returns
 * {@link #YIELD} to pause the rule list at this rule and later hands its result to the
 * {@link Resume}, on the transaction's event loop. Actions that never wait keep the plain path.
 */
@FunctionalInterface
public interface HttpAction {
    /** Ends the evaluation of the current rule list; the message goes on. */
    HttpReply STOP = new HttpReply(0, "stop", new HttpHeaders(), null, false);

    /** Returned by a waiting action: its result comes later through the {@link Resume} it was given. */
    HttpReply YIELD = new HttpReply(0, "yield", new HttpHeaders(), null, false);

    /** Receives a waiting action's result (null, {@link #STOP} or a reply), once, on the transaction's loop. */
    @FunctionalInterface
    interface Resume {
        void done(HttpReply result);
    }

    HttpReply apply(HttpTxn txn);

    /** Whether this action may wait; only then is {@link #apply(HttpTxn, Resume)} called. */
    default boolean waits() {
        return false;
    }

    /** Runs the action; a waiting one may return {@link #YIELD} and report its result to {@code resume} later. */
    default HttpReply apply(HttpTxn txn, Resume resume) {
        return apply(txn);
    }
}
