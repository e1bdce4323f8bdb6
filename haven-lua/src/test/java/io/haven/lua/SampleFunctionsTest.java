package io.haven.lua;

import io.haven.core.http.TestTxn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.haven.core.acl.SampleFetch;
import io.haven.core.sample.Converter;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** core.register_fetches and core.register_converters with real Lua, called as the configuration's expressions call them. */
class SampleFunctionsTest {
    private final LuaFixture lua;
    private final ScheduledExecutorService loop;

    SampleFunctionsTest() throws Exception {
        lua = new LuaFixture();
        loop = lua.loops.next();
    }

    @AfterEach
    void close() throws Exception {
        lua.close();
    }

    private <T> T onLoop(Supplier<T> s) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        loop.execute(() -> {
            try {
                f.complete(s.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(10, TimeUnit.SECONDS);
    }

    private static final String SCRIPT = """
            core.register_fetches('greet', function(txn, who) return 'hi ' .. (who or '?') .. ' on ' .. txn.f:path() end)
            core.register_fetches('count', function(txn) return 7 end)
            core.register_fetches('flag', function(txn) return true end)
            core.register_fetches('none', function(txn) return nil end)
            core.register_fetches('boom', function(txn) error('fetch failed') end)
            core.register_fetches('sleepy', function(txn) core.msleep(10) return 'late' end)
            core.register_fetches('ender', function(txn) txn:done() end)
            core.register_converters('wrap', function(s, l, r) return (l or '[') .. s .. (r or ']') end)
            core.register_converters('len', function(s) return #s end)
            core.register_converters('bad', function(s) return s.x.y end)
            """;

    @Test
    void aFetchGetsTheTransactionAndItsArgumentsAndReturnsTypedSamples() throws Exception {
        LuaRuntime rt = lua.start(SCRIPT);
        TestTxn t = TestTxn.request("GET", "/x").loop(loop);
        SampleFetch greet = rt.extensions().fetch("lua.greet", List.of("ann"));
        assertThat(onLoop(() -> greet.fetch(t))).isEqualTo("hi ann on /x");
        assertThat(onLoop(() -> rt.extensions().fetch("lua.count", List.of()).fetch(t))).isEqualTo(7L);
        assertThat(onLoop(() -> rt.extensions().fetch("lua.flag", List.of()).fetch(t))).isEqualTo(true);
        assertThat(onLoop(() -> rt.extensions().fetch("lua.none", List.of()).fetch(t))).isNull();
    }

    @Test
    void anErrorOrAWaitInAFetchGivesNoSampleAndIsLogged() throws Exception {
        LuaRuntime rt = lua.start(SCRIPT);
        TestTxn t = TestTxn.request("GET", "/x").loop(loop);
        assertThat(onLoop(() -> rt.extensions().fetch("lua.boom", List.of()).fetch(t))).isNull();
        assertThat(lua.logs).anyMatch(l -> l.startsWith("err Lua sample-fetch 'boom': runtime error: ") && l.endsWith(": fetch failed."));
        assertThat(onLoop(() -> rt.extensions().fetch("lua.sleepy", List.of()).fetch(t))).isNull();
        assertThat(lua.logs).anyMatch(l -> l.contains("Lua sample-fetch 'sleepy'") && l.contains("yield not allowed"));
        assertThat(onLoop(() -> rt.extensions().fetch("lua.ender", List.of()).fetch(t))).isNull();
        assertThat(lua.logs).anyMatch(l -> l.contains("txn:done() cannot be used in a sample fetch or a converter"));
        assertThat(onLoop(() -> rt.extensions().fetch("lua.greet", List.of()).fetch(t))).as("the state still serves").isEqualTo("hi ? on /x");
    }

    @Test
    void aConverterGetsTheSampleAsAStringAndItsArguments() throws Exception {
        LuaRuntime rt = lua.start(SCRIPT);
        TestTxn t = TestTxn.request("GET", "/x").loop(loop);
        Converter wrap = rt.extensions().converter("lua.wrap", List.of("<", ">"));
        assertThat(onLoop(() -> wrap.convert("v", t))).isEqualTo("<v>");
        assertThat(onLoop(() -> rt.extensions().converter("lua.len", List.of()).convert("abcd", t))).isEqualTo(4L);
        assertThat(onLoop(() -> rt.extensions().converter("lua.bad", List.of()).convert("abcd", t))).isNull();
        assertThat(lua.logs).anyMatch(l -> l.startsWith("err Lua converter 'bad': runtime error: "));
    }

    @Test
    void unknownNamesAreRefusedWhenBound() throws Exception {
        LuaRuntime rt = lua.start(SCRIPT);
        assertThatThrownBy(() -> rt.extensions().fetch("lua.nope", List.of())).hasMessageContaining("unknown fetch method 'lua.nope'");
        assertThatThrownBy(() -> rt.extensions().converter("lua.nope", List.of())).hasMessageContaining("unknown converter 'lua.nope'");
    }
}
