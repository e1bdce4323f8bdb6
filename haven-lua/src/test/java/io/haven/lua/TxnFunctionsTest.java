package io.haven.lua;

import io.haven.core.http.TestTxn;

import static io.haven.lua.LuaActionFixture.compile;
import static io.haven.lua.LuaActionFixture.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.core.http.HttpReply;
import io.haven.core.rules.HttpAction;
import io.haven.core.sample.Variables;
import io.haven.lua.LuaActionFixture.Outcome;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** TXN, HTTP, Fetches and Converters with real Lua: each function's effect on a transaction. */
class TxnFunctionsTest {
    private final LuaFixture lua;
    private final ScheduledExecutorService loop;

    TxnFunctionsTest() throws Exception {
        lua = new LuaFixture();
        loop = lua.loops.next();
    }

    @AfterEach
    void close() throws Exception {
        lua.close();
    }

    private TestTxn txn(String uri, String... headers) {
        return TestTxn.get(uri, headers).loop(loop);
    }

    /** Runs {@code body} as the action "a" (http-req and http-res) on {@code t}. */
    private Outcome act(String body, TestTxn t, boolean response) throws Exception {
        LuaRuntime rt = lua.start("core.register_action('a', { 'http-req', 'http-res' }, function(txn)\n" + body + "\nend)\n");
        return run(compile(rt, "lua.a", response), t);
    }

    @Test
    void fetchesAndConvertersAreMethodsWithDotsWrittenAsUnderscores() throws Exception {
        TestTxn t = txn("/p/q?x=1", "Host: Example.COM");
        act("""
                txn.http:req_set_header('x-path', txn.f:path())
                txn.http:req_set_header('x-host', txn.c:lower(txn.f:req_hdr('host')))
                txn.http:req_set_header('x-none', tostring(txn.f:req_hdr('x-none')) .. '/' .. txn.sf:req_hdr('x-none') .. '/')
                txn.http:req_set_header('x-port', math.type(txn.f:dst_port()) .. txn.f:dst_port())
                txn.http:req_set_header('x-unknown', tostring(txn.f.no_such_fetch))
                txn.http:req_set_header('x-b64', txn.sc:base64('hi'))
                """, t, false);
        var h = t.request().headers();
        assertThat(h.first("x-path")).isEqualTo("/p/q");
        assertThat(h.first("x-host")).isEqualTo("example.com");
        assertThat(h.first("x-none")).isEqualTo("nil//");
        assertThat(h.first("x-port")).isEqualTo("integer8080");
        assertThat(h.first("x-unknown")).isEqualTo("nil");
        assertThat(h.first("x-b64")).isEqualTo("aGk=");
    }

    @Test
    void requestHeadersComeInHaproxysTableShapeAndCanBeEdited() throws Exception {
        TestTxn t = txn("/old?a=1", "Accept: a, b", "X-Two: 1", "x-two: 2", "Cookie: k=v; sid=abc");
        act("""
                local h = txn.http:req_get_headers()
                txn.http:req_add_header('x-seen', h['x-two'][0] .. '+' .. h['x-two'][1] .. '+' .. tostring(h['x-two'][2]))
                txn.http:req_del_header('accept')
                txn.http:req_rep_header('cookie', 'sid=([a-z]+)', 'sid=<\\\\1>')
                txn.http:req_set_header('x-list', 'one, two')
                txn.http:req_rep_value('x-list', '^t(.*)', 'T\\\\1')
                txn.http:req_set_method('POST')
                txn.http:req_set_path('/new')
                txn.http:req_set_query('b=2')
                """, t, false);
        var h = t.request().headers();
        assertThat(h.first("x-seen")).isEqualTo("1+2+nil");
        assertThat(h.contains("accept")).isFalse();
        assertThat(h.first("cookie")).isEqualTo("sid=<abc>");
        assertThat(h.first("x-list")).isEqualTo("one, Two");
        assertThat(t.request().method()).isEqualTo("POST");
        assertThat(t.request().uri()).isEqualTo("/new?b=2");
        act("txn.http:req_set_uri('/u?z=0')", t, false);
        assertThat(t.request().uri()).isEqualTo("/u?z=0");
    }

    @Test
    void responseFunctionsEditTheResponse() throws Exception {
        TestTxn t = txn("/").respond(200, "Server: origin", "Set-Cookie: a=1");
        act("""
                local h = txn.http:res_get_headers()
                txn.http:res_set_header('x-server', h['server'][0])
                txn.http:res_del_header('set-cookie')
                txn.http:res_set_status(404, 'Gone Fishing')
                """, t, true);
        assertThat(t.response().headers().first("x-server")).isEqualTo("origin");
        assertThat(t.response().headers().contains("set-cookie")).isFalse();
        assertThat(t.response().status()).isEqualTo(404);
        assertThat(t.response().reason()).isEqualTo("Gone Fishing");
    }

    @Test
    void variablesUseHaproxysScopesAndTheConfigurationSeesThem() throws Exception {
        TestTxn t = txn("/");
        act("""
                txn:set_var('txn.n', 41)
                txn:set_var('sess.user', 'ann')
                txn:set_var('proc.lua_unit_seen', true)
                txn:set_var('txn.absent', 'x', true)
                txn:set_var('txn.n', txn:get_var('txn.n') + 1)
                txn:set_var('txn.gone', 'soon')
                txn:unset_var('txn.gone')
                """, t, false);
        assertThat(t.txnVars()).containsEntry("txn.n", 42L).doesNotContainKeys("txn.absent", "txn.gone");
        assertThat(t.sessionVars()).containsEntry("sess.user", "ann");
        assertThat(Variables.parse("proc.lua_unit_seen").get(t)).isEqualTo(true);
        Outcome bad = act("txn:set_var('nope', 1)", t, false);
        assertThat(bad.reply()).isEmpty();
        assertThat(lua.logs).anyMatch(l -> l.contains("set_var: invalid variable 'nope'"));
    }

    @Test
    void privateDataLastsForTheTransactionAcrossActions() throws Exception {
        LuaRuntime rt = lua.start("""
                core.register_action('put', { 'http-req' }, function(txn) txn:set_priv({ n = 1 }) end)
                core.register_action('bump', { 'http-req' }, function(txn)
                  local p = txn:get_priv()
                  p.n = p.n + 1
                  txn.http:req_set_header('x-n', tostring(p.n))
                end)
                core.register_action('peek', { 'http-req' }, function(txn)
                  txn.http:req_set_header('x-peek', tostring(txn:get_priv()))
                end)
                """);
        TestTxn t = txn("/");
        run(compile(rt, "lua.put", false), t);
        run(compile(rt, "lua.bump", false), t);
        run(compile(rt, "lua.bump", false), t);
        assertThat(t.request().headers().first("x-n")).isEqualTo("3");
        TestTxn other = txn("/");
        run(compile(rt, "lua.peek", false), other);
        assertThat(other.request().headers().first("x-peek")).isEqualTo("nil");
    }

    @Test
    void doneSendsTheReplyBuiltWithTxnReply() throws Exception {
        Outcome o = act("""
                local r = txn:reply({ status = 429, reason = 'Slow Down', headers = { ['Retry-After'] = '3' } })
                r:add_header('X-A', '1')
                r:add_header('x-a', '2')
                r:add_header('X-Drop', 'x')
                r:del_header('x-drop')
                r:set_body('later')
                txn:done(r)
                error('not reached')
                """, txn("/"), false);
        HttpReply r = o.reply().orElseThrow();
        assertThat(r.status()).isEqualTo(429);
        assertThat(r.reason()).isEqualTo("Slow Down");
        assertThat(r.headers().first("retry-after")).isEqualTo("3");
        assertThat(r.headers().lines("x-a")).containsExactly("1", "2");
        assertThat(r.headers().contains("x-drop")).isFalse();
        assertThat(new String(r.body())).isEqualTo("later");
        assertThat(act("txn:done()", txn("/"), false).reply()).contains(HttpReply.ABORT);
        HttpReply status = act("local r = txn:reply() r:set_status(503) txn:done(r)", txn("/"), false).reply().orElseThrow();
        assertThat(status.status()).isEqualTo(503);
        assertThat(status.reason()).isEqualTo("Service Unavailable");
        assertThat(status.body()).isEmpty();
    }

    @Test
    void returnCodesBecomeWhatTheRuleEngineDoes() throws Exception {
        assertThat(act("return act.CONTINUE", txn("/"), false).reply()).isEmpty();
        assertThat(act("return nil", txn("/"), false).reply()).isEmpty();
        assertThat(act("return act.STOP", txn("/"), false).reply()).contains(HttpAction.STOP);
        assertThat(act("return act.DONE", txn("/"), false).reply()).contains(HttpAction.STOP);
        assertThat(act("return act.DENY", txn("/"), false).reply().orElseThrow().status()).isEqualTo(403);
        assertThat(act("return act.DENY", txn("/").respond(200), true).reply().orElseThrow().status()).isEqualTo(502);
        HttpReply error = act("return act.ERROR", txn("/"), false).reply().orElseThrow();
        assertThat(error.status()).isEqualTo(500);
        assertThat(error.close()).isTrue();
        assertThat(act("return act.INVALID", txn("/"), false).reply().orElseThrow().status()).isEqualTo(400);
        assertThat(act("return act.ABORT", txn("/"), false).reply()).contains(HttpReply.ABORT);
    }

    @Test
    void anActionThatSleepsAnswersLaterOnItsLoop() throws Exception {
        TestTxn t = txn("/");
        Outcome o = act("core.msleep(50) txn.http:req_set_header('x-woke', 'yes') return act.DENY", t, false);
        assertThat(o.yielded()).isTrue();
        assertThat(o.reply().orElseThrow().status()).isEqualTo(403);
        assertThat(t.request().headers().first("x-woke")).isEqualTo("yes");
        assertThat(t.abort()).as("the wait is forgotten once answered").isNull();
    }

    @Test
    void actYieldRunsTheFunctionAgainAfterWakeTime() throws Exception {
        TestTxn t = txn("/");
        Outcome o = act("""
                local n = (txn:get_var('txn.runs') or 0) + 1
                txn:set_var('txn.runs', n)
                if n < 3 then act:wake_time(10) return act.YIELD end
                """, t, false);
        assertThat(o.yielded()).isTrue();
        assertThat(o.reply()).isEmpty();
        assertThat(t.txnVars()).containsEntry("txn.runs", 3L);
    }

    @Test
    void aRuntimeErrorIsLoggedWithTheScriptLineAndTheRulesGoOn() throws Exception {
        Outcome o = act("local x = nil\nreturn x.y", txn("/"), false);
        assertThat(o.reply()).isEmpty();
        assertThat(lua.logs).anyMatch(l -> l.startsWith("err Lua function 'a': runtime error: ")
                && l.endsWith(".lua:3: attempt to index a nil value (local 'x')."));
    }

    @Test
    void theSessionTimeoutStopsALoopingAction() throws Exception {
        LuaRuntime rt = lua.load("core.register_action('spin', { 'http-req' }, function(txn) while true do end end)",
                new io.haven.config.model.LuaSettings(java.util.List.of(), java.util.List.of(), 0, 1000, 200, 4000, 0));
        rt.start(lua.loops);
        assertThat(run(compile(rt, "lua.spin", false), txn("/")).reply()).isEmpty();
        assertThat(lua.logs).anyMatch(l -> l.equals("err Lua function 'spin': execution timeout."));
    }

    @Test
    void bindingChecksTheNameTheRuleSetAndTheArgumentCount() throws Exception {
        LuaRuntime rt = lua.start("core.register_action('two', { 'http-req' }, function(txn, a, b) end, 2)");
        assertThat(compile(rt, "lua.two", false, "x", "y").waits()).isTrue();
        assertThatThrownBy(() -> compile(rt, "lua.two", false, "x")).hasMessage("'lua.two' expects 2 arguments, got 1");
        assertThatThrownBy(() -> compile(rt, "lua.two", true, "x", "y"))
                .hasMessage("Lua action 'two' is registered for http-req, not for http-res ('http-response')");
        assertThatThrownBy(() -> compile(rt, "lua.nope", false)).hasMessageContaining("unknown action 'lua.nope'");
    }

    @Test
    void argumentsArePassedAsStrings() throws Exception {
        LuaRuntime rt = lua.start("core.register_action('args', { 'http-req' }, function(txn, a, b)"
                + " txn.http:req_set_header('x-args', type(a) .. ':' .. a .. ':' .. b) end, 2)");
        TestTxn t = txn("/");
        run(compile(rt, "lua.args", false, "42", "two words"), t);
        assertThat(t.request().headers().first("x-args")).isEqualTo("string:42:two words");
    }
}
