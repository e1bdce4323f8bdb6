package io.haven.lua;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.haven.config.ConfigException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real C Lua 5.4 loads here; script bodies run at load and their errors are configuration errors. */
class LuaRuntimeLoadTest {
    private final LuaFixture lua = new LuaFixture();

    LuaRuntimeLoadTest() throws Exception {
    }

    @AfterEach
    void close() throws Exception {
        lua.close();
    }

    @Test
    void realLua54Runs() throws Exception {
        lua.load("core.Info(tostring(1 + 1) .. ' ' .. _VERSION .. ' ' .. math.type(3))");
        assertThat(lua.logs).containsExactly("info 2 Lua 5.4 integer");
    }

    @Test
    void theJavaBridgeIsNotVisibleToScripts() throws Exception {
        lua.load("core.Info(type(java))");
        assertThat(lua.logs).containsExactly("info nil");
    }

    @Test
    void aRuntimeErrorInTheBodyNamesTheConfigLineAndTheScriptLine() {
        ConfigException e = catchThrowableOfType(() -> lua.load("local x = 1\nlocal y = nil\ny.z = 3\n"), ConfigException.class);
        assertThat(e.diagnostics()).hasSize(1);
        assertThat(e.diagnostics().get(0).location()).hasToString("t.cfg:3");
        assertThat(e.diagnostics().get(0).keyword()).isEqualTo("lua-load");
        assertThat(e.diagnostics().get(0).message()).containsPattern("s0\\.lua:3: attempt to index a nil value \\(local 'y'\\)");
    }

    @Test
    void aSyntaxErrorNamesTheScriptLine() {
        ConfigException e = catchThrowableOfType(() -> lua.load("core.Info('a')\n\nlocal = 5\n"), ConfigException.class);
        assertThat(e.diagnostics().get(0).message()).containsPattern("s0\\.lua:3: .*near '='");
        assertThat(lua.logs).isEmpty(); // a script that does not compile runs nothing
    }

    @Test
    void aMissingFileIsAConfigError() {
        ConfigException e = catchThrowableOfType(() -> LuaRuntime.load(new io.haven.config.model.LuaSettings(
                java.util.List.of(new io.haven.config.model.LuaScript("/nonexistent/x.lua", false,
                        new io.haven.config.SourceLocation("t.cfg", 7))), java.util.List.of(), 0, 10000, 4000, 4000, 0),
                1, lua.host), ConfigException.class);
        assertThat(e.diagnostics().get(0)).hasToString(
                "parsing [t.cfg:7] : 'lua-load' : error in Lua script '/nonexistent/x.lua': cannot read '/nonexistent/x.lua': /nonexistent/x.lua");
    }

    @Test
    void argumentErrorsSayWhichArgumentAndWhatWasExpected() {
        ConfigException e = catchThrowableOfType(() -> lua.load("core.log('x', 'y')"), ConfigException.class);
        assertThat(e.diagnostics().get(0).message()).contains("bad argument #1 to 'log' (number expected, got string)");
    }

    @Test
    void coreDoneInTheBodyEndsItQuietly() throws Exception {
        lua.load("core.Info('before')\ncore.done()\ncore.Info('after')\n");
        assertThat(lua.logs).containsExactly("info before");
    }
}
