package io.haven.core.http;

import io.haven.core.acl.SampleContext;
import java.util.Map;

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
}
