package io.haven.core.http;

import java.util.Optional;

/**
 * The {@code http-request} and {@code http-response} rules of one proxy, compiled. The data plane
 * calls {@link #onRequest} once the request head is parsed (frontend rules, then the chosen
 * backend's) and {@link #onResponse} once the response head is (backend, then frontend). A
 * present result stops processing: the data plane sends that reply instead.
 */
public interface HttpRules {

    HttpRules NONE = new HttpRules() {
        @Override
        public Optional<HttpReply> onRequest(HttpTxn txn) {
            return Optional.empty();
        }

        @Override
        public Optional<HttpReply> onResponse(HttpTxn txn) {
            return Optional.empty();
        }
    };

    Optional<HttpReply> onRequest(HttpTxn txn);

    Optional<HttpReply> onResponse(HttpTxn txn);
}
