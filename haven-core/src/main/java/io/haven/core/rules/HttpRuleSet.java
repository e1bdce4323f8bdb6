package io.haven.core.rules;

import io.haven.core.http.HttpReply;
import io.haven.core.http.HttpRules;
import io.haven.core.http.HttpTxn;
import java.util.List;
import java.util.Optional;

/**
 * A proxy's compiled {@code http-request} and {@code http-response} rules, evaluated in order
 * as HAProxy does: a rule whose condition holds runs its action; {@code allow} ends the list,
 * a reply ends it and is returned. An action that waits pauses the list ({@link HttpRules#PAUSED});
 * it goes on from the next rule when the action's result comes, and the list's result is then
 * handed to {@link HttpTxn#rulesDone}. Rules whose actions never wait cost no allocation.
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
        return run(request, 0, txn);
    }

    @Override
    public Optional<HttpReply> onResponse(HttpTxn txn) {
        return run(response, 0, txn);
    }

    private static Optional<HttpReply> run(HttpRule[] rules, int from, HttpTxn txn) {
        for (int i = from; i < rules.length; i++) {
            HttpRule r = rules[i];
            if (r.condition().test(txn)) {
                HttpAction action = r.action();
                HttpReply reply;
                if (action.waits()) {
                    Paused paused = new Paused(rules, i, txn);
                    reply = action.apply(txn, paused);
                    if (reply == HttpAction.YIELD) {
                        return PAUSED;
                    }
                    paused.settled = true;
                } else {
                    reply = action.apply(txn);
                }
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

    /** Where a paused list goes on once its waiting action has a result. */
    private static final class Paused implements HttpAction.Resume {
        private final HttpRule[] rules;
        private final int at;
        private final HttpTxn txn;
        private boolean settled;

        Paused(HttpRule[] rules, int at, HttpTxn txn) {
            this.rules = rules;
            this.at = at;
            this.txn = txn;
        }

        @Override
        public void done(HttpReply result) {
            if (settled) {
                return; // an action must report once; a second report is ignored
            }
            settled = true;
            Optional<HttpReply> outcome;
            if (result == HttpAction.STOP) {
                outcome = Optional.empty();
            } else if (result != null) {
                outcome = Optional.of(result);
            } else {
                outcome = run(rules, at + 1, txn);
                if (outcome == PAUSED) {
                    return; // another action waits; it reports in turn
                }
            }
            txn.rulesDone(outcome);
        }
    }

    public int requestRules() {
        return request.length;
    }

    public int responseRules() {
        return response.length;
    }
}
