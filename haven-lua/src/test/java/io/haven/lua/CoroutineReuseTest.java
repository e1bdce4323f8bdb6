package io.haven.lua;

import io.haven.core.http.TestTxn;

import static io.haven.lua.LuaActionFixture.compile;
import static io.haven.lua.LuaActionFixture.run;
import static org.assertj.core.api.Assertions.assertThat;

import io.haven.core.rules.HttpAction;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A coroutine whose function returned runs the next call (no new Lua thread per request), and
 * nothing of one call shows in the next: each gets its own TXN object and arguments. A call
 * that failed, ended with txn:done() or waited still behaves as before.
 */
class CoroutineReuseTest {
    private final LuaFixture lua;
    private final ScheduledExecutorService loop;

    CoroutineReuseTest() throws Exception {
        lua = new LuaFixture();
        loop = lua.loops.next();
    }

    @AfterEach
    void close() throws Exception {
        lua.close();
    }

    private TestTxn txn(String uri) {
        return TestTxn.request("GET", uri).loop(loop);
    }

    @Test
    void callsThatReturnRunOnOneCoroutineWithAFreshTxnEach() throws Exception {
        LuaRuntime rt = lua.start("""
                local seen, n = {}, 0
                core.register_action('a', { 'http-req' }, function(txn, arg)
                  local co = coroutine.running()
                  if not seen[co] then seen[co] = true; n = n + 1 end
                  txn.http:req_set_header('x-old', tostring(rawget(txn, 'mark')))
                  txn.mark = txn.f:path()
                  txn.http:req_set_header('x-coroutines', tostring(n))
                  txn.http:req_set_header('x-arg', arg)
                end, 1)
                """);
        HttpAction action = compile(rt, "lua.a", false, "one");
        for (int i = 0; i < 20; i++) {
            TestTxn t = txn("/r" + i);
            assertThat(run(action, t).reply()).isEmpty();
            assertThat(t.request().headers().first("x-old")).isEqualTo("nil");
            assertThat(t.request().headers().first("x-arg")).isEqualTo("one");
            assertThat(t.request().headers().first("x-coroutines")).isEqualTo("1");
        }
    }

    @Test
    void aFailedCallOrTxnDoneLeavesTheNextCallsIntact() throws Exception {
        LuaRuntime rt = lua.start("""
                core.register_action('a', { 'http-req' }, function(txn)
                  local p = txn.f:path()
                  if p == '/fail' then error('boom') end
                  if p == '/done' then txn:done({ status = 204 }) end
                  txn.http:req_set_header('x-ok', p)
                end)
                """);
        HttpAction action = compile(rt, "lua.a", false);
        for (String uri : new String[] {"/fail", "/a", "/done", "/b", "/fail", "/c"}) {
            TestTxn t = txn(uri);
            var outcome = run(action, t);
            switch (uri) {
                case "/fail" -> assertThat(outcome.reply()).isEmpty();
                case "/done" -> assertThat(outcome.reply()).hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(204));
                default -> assertThat(t.request().headers().first("x-ok")).isEqualTo(uri);
            }
        }
        assertThat(lua.logs).filteredOn(l -> l.contains("boom")).hasSize(2);
    }

    @Test
    void anActionThatWaitedEndsAndTheNextCallsStillRun() throws Exception {
        LuaRuntime rt = lua.start("""
                core.register_action('a', { 'http-req' }, function(txn)
                  if txn.f:path() == '/wait' then core.msleep(1) end
                  txn.http:req_set_header('x-ok', txn.f:path())
                end)
                """);
        HttpAction action = compile(rt, "lua.a", false);
        for (String uri : new String[] {"/wait", "/a", "/wait", "/b"}) {
            TestTxn t = txn(uri);
            var outcome = run(action, t);
            assertThat(outcome.yielded()).isEqualTo(uri.equals("/wait"));
            assertThat(t.request().headers().first("x-ok")).isEqualTo(uri);
        }
    }
}
