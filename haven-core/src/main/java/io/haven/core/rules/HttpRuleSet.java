package io.haven.core.rules;

import io.haven.core.http.HttpReply;
import io.haven.core.http.HttpRules;
import io.haven.core.http.HttpTxn;
import java.util.List;
import java.util.Optional;

/**
 * A proxy's compiled {@code http-request} and {@code http-response} rules, evaluated in order
 * as HAProxy does: a rule whose condition holds runs its action; {@code allow} ends the list,
 * a reply ends it and is returned.
 */
public final class HttpRuleSet implements HttpRules {
    private final HttpRule[] request;
    private final HttpRule[] response;

    public HttpRuleSet(List<HttpRule> request, List<HttpRule> response) {
        this.request = request.toArray(new HttpRule[0]);
        this.response = response.toArray(new HttpRule[0]);
    }

    @Override
    public Optional<HttpReply> onRequest(HttpTxn txn) {
        return run(request, txn);
    }

    @Override
    public Optional<HttpReply> onResponse(HttpTxn txn) {
        return run(response, txn);
    }

    private static Optional<HttpReply> run(HttpRule[] rules, HttpTxn txn) {
        for (HttpRule r : rules) {
            if (r.condition().test(txn)) {
                HttpReply reply = r.action().apply(txn);
                if (reply == HttpAction.STOP) {
                    return Optional.empty();
                }
                if (reply != null) {
                    return Optional.of(reply);
                }
            }
        }
        return Optional.empty();
    }

    public int requestRules() {
        return request.length;
    }

    public int responseRules() {
        return response.length;
    }
}
