package io.haven.lua;

import io.haven.core.acl.SampleContext;
import io.haven.core.http.HttpReply;
import io.haven.core.http.HttpTxn;

/**
 * The Java side of one {@code TXN} object: the transaction (or connection) an action, a sample
 * fetch or a converter runs for, which message it works on, and what {@code txn:done()} asked.
 * Fetches and converters may not end the transaction, as in HAProxy.
 */
final class LuaTxn {
    final SampleContext ctx;
    /** Null outside HTTP (a fetch evaluated for a TCP connection). */
    final HttpTxn http;
    final boolean response;
    final boolean mayTerminate;
    /** Set by {@code txn:done()}: the reply to send ({@link HttpReply#ABORT} for none). */
    HttpReply done;

    LuaTxn(SampleContext ctx, boolean response, boolean mayTerminate) {
        this.ctx = ctx;
        this.http = ctx instanceof HttpTxn t ? t : null;
        this.response = response;
        this.mayTerminate = mayTerminate;
    }

    HttpTxn http(String function) {
        if (http == null) {
            throw new ScriptError(function + ": not an HTTP transaction");
        }
        return http;
    }

    /** Pushes a new TXN object for {@code t} on {@code thread}'s stack; returns its handle (release it after). */
    static long push(LuaState s, party.iroiro.luajava.Lua thread, LuaTxn t) {
        return s.pushObject(thread, "new_txn", t);
    }
}
