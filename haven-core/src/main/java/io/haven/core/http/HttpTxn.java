package io.haven.core.http;

import io.haven.core.acl.SampleContext;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * One HTTP transaction (a request and its response) as rules and fetches see it. The data plane
 * implements it; {@link #response()} is null until the server's response head arrived.
 */
public interface HttpTxn extends SampleContext {

    HttpRequest request();

    HttpResponse response();

    /** Variables of scope {@code txn} (and {@code req}/{@code res}): live for this transaction. */
    Map<String, Object> txnVars();

    /** Variables of scope {@code sess}: live for the client connection, across its requests. */
    Map<String, Object> sessionVars();

    /** Whether the client connection is TLS (ssl_fc). */
    boolean secure();

    /**
     * {@code http-request use-service NAME}: the named service answers this request instead of a
     * server; the data plane asks {@link #serviceName()} once the rules ran.
     */
    default void useService(String name) {
        throw new UnsupportedOperationException("this transaction cannot be handed to a service");
    }

    /** {@code http-request capture}: puts {@code value} in request capture slot {@code slot} of the frontend. */
    default void capture(int slot, String value) {
        throw new UnsupportedOperationException("this transaction has no capture slots");
    }

    /** The service {@code use-service} chose, or null. */
    default String serviceName() {
        return null;
    }
    /** The event loop the transaction lives on, where a waiting action resumes; null where actions cannot wait. */
    default ScheduledExecutorService loop() {
        return null;
    }

    /**
     * A rule list that returned {@link HttpRules#PAUSED} has finished: {@code result} is what
     * {@code onRequest}/{@code onResponse} would have returned. Called on {@link #loop()}.
     */
    default void rulesDone(Optional<HttpReply> result) {
        throw new IllegalStateException("this transaction cannot wait for an action");
    }

    /** The level of this transaction's access log line (Lua's {@code txn:set_loglevel}); INFO unless changed. */
    default void logLevel(io.haven.core.log.LogLevel level) {
    }

    /** What to run if the transaction ends (the client left) while an action waits; null to forget it. */
    default void onAbort(Runnable abort) {
    }
}
