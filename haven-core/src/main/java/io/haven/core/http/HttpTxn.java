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
     * {@code http-request use-service NAME}: the named service answers this request, once the
     * rules stop. The data plane implements it; elsewhere it is refused.
     */
    default void useService(String name) {
        throw new UnsupportedOperationException("use-service is not available here");
    }
}
