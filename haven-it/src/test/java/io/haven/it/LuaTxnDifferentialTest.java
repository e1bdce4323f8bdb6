package io.haven.it;

import static io.haven.it.support.LuaSideBySide.req;
import static org.assertj.core.api.Assertions.assertThat;

import io.haven.it.support.HaproxyProcess;
import io.haven.it.support.LuaSideBySide;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One script using TXN, HTTP, Fetches, Converters, replies, act.* codes, a sleeping action, a
 * Lua fetch and a Lua converter, run on Haven and on Debian's HAProxy 2.6 with the same
 * configuration: the same requests must get the same answers, and the origin must see the same.
 * It found that HAProxy's act.DONE in http-request ends the rule list and forwards the request.
 */
class LuaTxnDifferentialTest {
    @TempDir
    Path dir;

    private static final String SCRIPT = """
            core.register_action("setvar", { "http-req" }, function(txn)
              txn:set_var("txn.v", 41)
              txn:set_var("txn.v", txn:get_var("txn.v") + 1)
              txn:set_var("txn.act", txn.sf:req_hdr("x-act"))
            end)
            core.register_action("code", { "http-req" }, function(txn)
              local c = txn.f:req_hdr("x-act")
              if c then return act[c] end
            end)
            core.register_action("sleep", { "http-req" }, function(txn)
              core.msleep(50)
              txn.http:req_set_header("X-Slept", "1")
            end)
            core.register_action("rewrite", { "http-req" }, function(txn)
              txn.http:req_set_path("/rewritten")
              txn.http:req_set_query("a=1")
              txn.http:req_set_method("POST")
            end)
            core.register_action("resp", { "http-res" }, function(txn)
              txn.http:res_set_status(299, "Fine")
              -- request headers are not fetched here: HAProxy has forwarded them by now (req.hdr is empty)
              txn.http:res_add_header("X-Res", txn:get_var("txn.act") .. "|" .. tostring(txn.f:status()))
            end)
            core.register_action("echo", { "http-req" }, function(txn)
              local h = txn.http:req_get_headers()
              local names = {}
              for k in pairs(h) do if k:sub(1, 2) == "x-" then names[#names + 1] = k end end
              table.sort(names)
              local parts = {}
              for _, k in ipairs(names) do
                local vals, i = {}, 0
                while h[k][i] ~= nil do vals[#vals + 1] = h[k][i]; i = i + 1 end
                parts[#parts + 1] = k .. "=" .. table.concat(vals, "|")
              end
              txn.http:req_rep_header("x-rep", "^a(.*)", "b\\\\1")
              txn.http:req_rep_value("x-list", "^o(.*)", "O\\\\1")
              txn.http:req_del_header("x-del")
              local r = txn:reply()
              r:set_status(200)
              r:add_header("content-type", "text/plain")
              r:set_body(table.concat(parts, ";") .. "\\n"
                .. "path=" .. txn.f:path() .. " query=" .. tostring(txn.f:query()) .. " method=" .. txn.f:method()
                .. " lower=" .. txn.c:lower("MiXeD") .. " sf=[" .. txn.sf:req_hdr("x-none") .. "] f=" .. tostring(txn.f:req_hdr("x-none"))
                .. " var=" .. tostring(txn:get_var("txn.v")) .. " rep=" .. tostring(txn.f:req_hdr("x-rep"))
                .. " list=" .. tostring(txn.http:req_get_headers()["x-list"][0]) .. " del=" .. tostring(txn.f:req_hdr("x-del")) .. "\\n")
              txn:done(r)
            end)
            core.register_fetches("twice", function(txn, s) return (s or "") .. (s or "") end)
            core.register_converters("rev", function(s) return s:reverse() end)
            """;

    private static final String RULES = """
                http-request lua.setvar
                http-request lua.code if { req.hdr(x-act) -m found }
                http-request set-header X-After after
                http-request lua.sleep if { path /sleep }
                http-request lua.rewrite if { path /rewrite }
                http-request return status 200 content-type text/plain lf-string "fetch=%[lua.twice(ab)] conv=%[path,lua.rev]" if { path /samples }
                http-request lua.echo if { path_beg /echo } || { path /sleep }
                http-response lua.resp
            """;

    @Test
    void haproxyAndHavenAnswerTheSameScriptTheSameWay() throws Exception {
        Path script = Files.writeString(dir.resolve("txn.lua"), SCRIPT);
        List<HttpRequest.Builder> requests = List.of(
                req("GET", "/echo/a?b=c", "X-Multi", "one", "X-Multi", "two", "X-Rep", "abc", "X-List", "one, two",
                        "X-Del", "gone"),
                req("GET", "/sleep"),
                req("GET", "/rewrite?z=9"),
                req("GET", "/samples"),
                req("GET", "/plain"),
                req("GET", "/deny", "X-Act", "DENY"),
                req("GET", "/error", "X-Act", "ERROR"),
                req("GET", "/invalid", "X-Act", "INVALID"),
                req("GET", "/stop", "X-Act", "STOP"),
                req("GET", "/done", "X-Act", "DONE"),
                req("GET", "/continue", "X-Act", "CONTINUE"));
        // act.ABORT is left out: HAProxy 2.6.12 answers 503 where its documentation says "no reply";
        // Haven follows the documentation (LuaActionsTest)
        List<String> headers = List.of("x-res", "content-type");
        List<String> origin = List.of("GET", "POST", "x-after", "x-slept", "x-act");
        List<String> haven = LuaSideBySide.run(dir, true, script, RULES, requests, headers, origin);
        assertThat(haven.get(0)).contains("x-multi=one|two;x-rep=abc").contains("var=42 rep=bbc list=O");
        assertThat(haven.get(5)).startsWith("GET /deny -> 403");
        assertThat(HaproxyProcess.installed()).as("Debian's haproxy (apt-get install haproxy; .ci/run does)").isTrue();
        assertThat(haven).containsExactlyElementsOf(LuaSideBySide.run(dir, false, script, RULES, requests, headers, origin));
    }
}
