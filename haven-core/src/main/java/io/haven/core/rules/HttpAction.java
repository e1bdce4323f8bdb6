package io.haven.core.rules;

import io.haven.core.http.HttpReply;
import io.haven.core.http.HttpTxn;

/**
 * One compiled {@code http-request}/{@code http-response} action. It edits the transaction and
 * returns null to go on with the next rule, {@link #STOP} to end this rule list ({@code allow}),
 * or a reply Haven sends instead of forwarding ({@code deny}, {@code return}, {@code redirect},
 * {@code auth}). Java and Lua actions implement the same interface.
 */
@FunctionalInterface
public interface HttpAction {
    /** Ends the evaluation of the current rule list; the message goes on. */
    HttpReply STOP = new HttpReply(0, "stop", new io.haven.core.http.HttpHeaders(), null, false);

    HttpReply apply(HttpTxn txn);
}
