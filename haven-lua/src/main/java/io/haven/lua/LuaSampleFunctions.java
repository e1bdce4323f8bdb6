package io.haven.lua;

import io.haven.core.acl.SampleContext;
import io.haven.core.acl.SampleFetch;
import io.haven.core.acl.SampleType;
import io.haven.core.http.HttpTxn;
import io.haven.core.log.LogLevel;
import io.haven.core.sample.Converter;
import io.netty.util.concurrent.EventExecutor;
import java.util.List;

/**
 * {@code lua.NAME(args)} sample fetches ({@code core.register_fetches}) and {@code ,lua.NAME(args)}
 * converters ({@code core.register_converters}). The function runs to its end on the calling
 * loop: waiting is not allowed, as in HAProxy. A fetch gets a {@code TXN} object and the
 * arguments, a converter the sample as a string and the arguments; an integer, a boolean or a
 * string result is the sample. An error (or an attempt to wait) is logged with its script
 * position and gives no sample.
 */
final class LuaSampleFunctions {
    private LuaSampleFunctions() {
    }

    static SampleFetch fetch(LuaRuntime runtime, String name, List<String> args) {
        List<String> words = List.copyOf(args);
        return SampleFetch.of(SampleType.STR, ctx -> {
            LuaState state = runtime.registrant(r -> r.fetches.containsKey(name), loop(ctx));
            LuaTxn t = new LuaTxn(ctx, ctx instanceof HttpTxn h && h.response() != null, false);
            long[] handle = new long[1];
            int function = state.registrations.fetches.get(name);
            return call(runtime, state, "sample-fetch '" + name + "'", state.txnCall(), thread -> {
                handle[0] = LuaTxn.push(state, thread, function, t);
                words.forEach(thread::push);
                return LuaTxn.PUSHED + words.size();
            }, () -> state.release(handle[0]));
        });
    }

    static Converter converter(LuaRuntime runtime, String name, List<String> args) {
        List<String> words = List.copyOf(args);
        return Converter.of(SampleType.STR, SampleType.STR, (sample, ctx) -> {
            LuaState state = runtime.registrant(r -> r.converters.containsKey(name), loop(ctx));
            return call(runtime, state, "converter '" + name + "'", state.registrations.converters.get(name), thread -> {
                thread.push(sample.toString());
                words.forEach(thread::push);
                return 1 + words.size();
            }, () -> { });
        });
    }

    private static EventExecutor loop(SampleContext ctx) {
        return ctx instanceof HttpTxn t && t.loop() instanceof EventExecutor e ? e : null;
    }

    private static Object call(LuaRuntime runtime, LuaState state, String what, int function, Coroutine.Arguments args,
                               Runnable after) {
        Object[] result = new Object[1];
        Coroutine.call(state, what, runtime.limits().sessionMs(), function, args,
                thread -> result[0] = thread.getTop() > 0 ? LuaValues.sample(thread, -1) : null, error -> {
                    after.run();
                    if (error != null) {
                        result[0] = null;
                        runtime.log(LogLevel.ERR, "Lua " + what + ": " + LuaRuntime.describe(error) + ".");
                    }
                });
        return result[0];
    }
}
