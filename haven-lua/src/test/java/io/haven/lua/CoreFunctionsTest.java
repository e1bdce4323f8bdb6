package io.haven.lua;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** core's pure functions answer as HAProxy 2.6 documents them. */
class CoreFunctionsTest {
    private final LuaFixture lua = new LuaFixture();

    CoreFunctionsTest() throws Exception {
    }

    @AfterEach
    void close() throws Exception {
        lua.close();
    }

    private String run(String expression) throws Exception {
        lua.logs.clear();
        lua.load("core.Info(tostring(" + expression + "))");
        return lua.logs.get(0).substring("info ".length());
    }

    @Test
    void logLevelsAreSyslogs() throws Exception {
        lua.load("""
                core.log(core.err, 'e') core.Debug('d') core.Warning('w') core.Alert('a')
                core.log(core.notice, 'n')
                core.Info(core.emerg .. core.alert .. core.crit .. core.err .. core.warning .. core.notice .. core.info .. core.debug)
                """);
        assertThat(lua.logs).containsExactly("err e", "debug d", "warning w", "alert a", "notice n", "info 01234567");
    }

    @Test
    void tokenizeSplitsOnAnySeparatorAndCanDropBlanks() throws Exception {
        assertThat(run("table.concat(core.tokenize('This function is useful, for tokenizing an entry.', '., ', true), '|')"))
                .isEqualTo("This|function|is|useful|for|tokenizing|an|entry");
        assertThat(run("table.concat(core.tokenize('a,,b', ','), '|')")).isEqualTo("a||b");
        assertThat(run("#core.tokenize('a,,b', ',')")).isEqualTo("3");
    }

    @Test
    void httpDatesParseInTheirThreeFormats() throws Exception {
        assertThat(run("core.imf_date('Sun, 06 Nov 1994 08:49:37 GMT')")).isEqualTo("784111777");
        assertThat(run("core.rfc850_date('Sunday, 06-Nov-94 08:49:37 GMT')")).isEqualTo("784111777");
        assertThat(run("core.asctime_date('Sun Nov  6 08:49:37 1994')")).isEqualTo("784111777");
        assertThat(run("core.http_date('Sun Nov  6 08:49:37 1994')")).isEqualTo("784111777");
        assertThat(run("core.http_date('Sunday, 06-Nov-94 08:49:37 GMT')")).isEqualTo("784111777");
        assertThat(run("core.imf_date('yesterday')")).isEqualTo("nil");
        assertThat(run("core.imf_date('Sunday, 06-Nov-94 08:49:37 GMT')")).isEqualTo("nil");
    }

    @Test
    void addressesMatchOnTheShorterPrefix() throws Exception {
        assertThat(run("core.match_addr(core.parse_addr('127.0.0.1/32'), core.parse_addr('127.0.0.0/8'))")).isEqualTo("true");
        assertThat(run("core.match_addr(core.parse_addr('10.1.0.0/16'), core.parse_addr('10.2.3.4'))")).isEqualTo("false");
        assertThat(run("core.match_addr(core.parse_addr('2001:db8::1'), core.parse_addr('2001:db8::/32'))")).isEqualTo("true");
        assertThat(run("core.match_addr(core.parse_addr('::1'), core.parse_addr('127.0.0.1'))")).isEqualTo("false");
        assertThat(run("core.parse_addr('not an address')")).isEqualTo("nil");
        assertThat(run("core.parse_addr('10.0.0.0/33')")).isEqualTo("nil");
    }

    @Test
    void concatBuildsOneString() throws Exception {
        assertThat(run("(function() local c = core.concat() for i = 1, 3 do c:add('#' .. i) end return c:dump() end)()"))
                .isEqualTo("#1#2#3");
    }

    @Test
    void regexExecAndMatchReturnStatusAndCaptures() throws Exception {
        lua.load("""
                local st, re = Regex.new('needle (..) (...)', true)
                core.Info(tostring(st) .. ' ' .. tostring(re:exec('Looking for a needle in the haystack'))
                  .. ' ' .. tostring(re:exec('Looking for a cat in the haystack')))
                local ok, list = re:match('Looking for a needle in the haystack')
                core.Info(tostring(ok) .. '|' .. list[1] .. '|' .. list[2] .. '|' .. list[3])
                local st2, err = Regex.new('(unclosed', true)
                core.Info(tostring(st2) .. ' ' .. type(err))
                local _, ci = Regex.new('NEEDLE', false)
                core.Info(tostring(ci:exec('a needle')))
                """);
        assertThat(lua.logs).containsExactly("info true true false", "info true|needle in the|in|the",
                "info false string", "info true");
    }

    @Test
    void nowIsTheWallClockInSecondsAndMicroseconds() throws Exception {
        long before = System.currentTimeMillis() / 1000;
        String[] parts = run("core.now().sec .. ' ' .. core.now().usec").split(" ");
        long after = System.currentTimeMillis() / 1000;
        assertThat(Long.parseLong(parts[0])).isBetween(before, after);
        assertThat(Long.parseLong(parts[1])).isBetween(0L, 999_999L);
    }

    @Test
    void actCodesAndThreadAreHaproxys() throws Exception {
        assertThat(run("act.CONTINUE .. act.STOP .. act.YIELD .. act.ERROR .. act.DONE .. act.DENY .. act.ABORT .. act.INVALID"))
                .isEqualTo("01234567");
        assertThat(run("core.thread")).isEqualTo("0");
    }

    @Test
    void getInfoIsShowInfoByName() throws Exception {
        assertThat(run("core.get_info().Name .. ' ' .. math.type(core.get_info().Nbthread)")).isEqualTo("Haven integer");
    }

    @Test
    void unimplementedFunctionsFailByName() throws Exception {
        assertThat(run("select(2, pcall(core.add_acl, 'f', 'k'))")).contains("core.add_acl() is not implemented by Haven yet");
    }
}
