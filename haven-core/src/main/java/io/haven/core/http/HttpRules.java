package io.haven.core.http;

import java.util.Optional;

/**
 * The {@code http-request} and {@code http-response} rules of one proxy, compiled. The data plane
 * calls {@link #onRequest} once the request head is parsed (frontend rules, then the chosen
 * backend's) and {@link #onResponse} once the response head is (backend, then frontend). A
 * present result stops processing: the data plane sends that reply instead.
 *
 * <p>{@link #PAUSED} means an action waits (a Lua action sleeping, say): the data plane stops
 * reading that side and waits; the rule list goes on by itself on the transaction's loop and
 * hands its final result to {@link HttpTxn#rulesDone}.
 */
public interface HttpRules {

    /** The rule list paused at an action that waits; the result comes through {@link HttpTxn#rulesDone}. */
    Optional<HttpReply> PAUSED = Optional.of(new HttpReply(0, "paused", new HttpHeaders(), null, false));

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
