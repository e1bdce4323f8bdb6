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
    /** How many values {@link #push} pushes. */
    static final int PUSHED = 3;
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

    /**
     * Pushes the arguments of core.lua's {@code H.call_with_txn} (the coroutine's body, see
     * {@link LuaState#txnCall()}) after it: {@code function}, the TXN's handle and whether it is
     * HTTP; the TXN object itself is built in Lua. Returns the handle (release it after).
     */
    static long push(LuaState s, party.iroiro.luajava.Lua thread, int function, LuaTxn t) {
        long h = s.handle(t);
        thread.checkStack(PUSHED);
        RawPush.ref(thread, function);
        RawPush.integer(thread, h);
        RawPush.bool(thread, t.http != null);
        return h;
    }
}
