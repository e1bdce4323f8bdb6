package io.haven.lua;

import io.haven.core.http.TestTxn;

import io.haven.config.SourceLocation;
import io.haven.core.http.HttpReply;
import io.haven.core.rules.ActionArgs;
import io.haven.core.rules.HttpAction;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Calls a script's registered action as the rule engine does: on the transaction's loop, waiting for its result. */
final class LuaActionFixture {
    private LuaActionFixture() {
    }

    static HttpAction compile(LuaRuntime rt, String action, boolean response, String... words) {
        return rt.extensions().action(new ActionArgs(action, null, List.of(words), response, null, null,
                new SourceLocation("t.cfg", 9)));
    }

    /** The action's result (empty for "next rule"); {@code yielded} tells whether it waited first. */
    record Outcome(Optional<HttpReply> reply, boolean yielded) {
    }

    static Outcome run(HttpAction action, TestTxn txn) throws Exception {
        CompletableFuture<Outcome> out = new CompletableFuture<>();
        txn.loop().execute(() -> {
            HttpReply now = action.apply(txn, later -> out.complete(new Outcome(Optional.ofNullable(later), true)));
            if (now != HttpAction.YIELD) {
                out.complete(new Outcome(Optional.ofNullable(now), false));
            }
        });
        return out.get(10, TimeUnit.SECONDS);
    }
}
