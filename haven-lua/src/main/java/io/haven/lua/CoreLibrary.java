package io.haven.lua;

import io.haven.core.log.LogLevel;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import party.iroiro.luajava.Lua;
import party.iroiro.luajava.LuaException;

/**
 * HAProxy's {@code core} class (and the {@code act} and {@code Regex} globals) in one state: the
 * Java half here, the Lua half in {@code core.lua} (wrappers that yield, {@code Concat}, the
 * constants). The Lua half gets a private table of primitives ({@code H}) that scripts never see.
 */
final class CoreLibrary {
    /** What {@code core.done()} raises: it ends the coroutine as a normal return would. */
    static final String DONE = "\u0001haven:core.done";
    private static final LogLevel[] LEVELS = LogLevel.values();

    private CoreLibrary() {
    }

    static void install(LuaState s) {
        Lua L = s.main();
        L.newTable(); // core
        s.function("log", l -> {
            int level = (int) Args.integer(l, 1, "log");
            String msg = Args.string(l, 2, "log");
            if (level < 0 || level > 7) {
                throw ScriptError.badArgument(1, "log", "Invalid loglevel.");
            }
            s.runtime().log(LEVELS[level], msg);
            return 0;
        });
        s.function("now", l -> {
            long micros = System.currentTimeMillis() * 1000 + (System.nanoTime() / 1000) % 1000;
            l.createTable(0, 2);
            l.push(micros / 1_000_000);
            l.setField(-2, "sec");
            l.push(micros % 1_000_000);
            l.setField(-2, "usec");
            return 1;
        });
        s.function("tokenize", CoreLibrary::tokenize);
        s.function("http_date", l -> date(l, "http_date", LuaDates::any));
        s.function("imf_date", l -> date(l, "imf_date", LuaDates::imf));
        s.function("rfc850_date", l -> date(l, "rfc850_date", LuaDates::rfc850));
        s.function("asctime_date", l -> date(l, "asctime_date", LuaDates::asctime));
        s.function("parse_addr", l -> LuaAddress.parse(l));
        s.function("match_addr", l -> LuaAddress.match(l));
        s.function("get_info", l -> {
            Tables.push(l, s.runtime().host().info());
            return 1;
        });
        for (String name : List.of("add_acl", "del_acl", "set_nice")) {
            s.function(name, l -> {
                throw new ScriptError("core." + name + "() is not implemented by Haven yet");
            });
        }
        Registrations.install(s);
        L.pushValue(-1);
        L.setGlobal("core");
        L.newTable(); // H: private primitives for core.lua
        s.function("sleep", l -> sleep(s, l, Args.integer(l, 1, "msleep")));
        s.function("yield", l -> {
            Coroutine c = s.current();
            if (c == null) {
                l.push(false);
                return 1;
            }
            if (c.mustNotYield()) {
                throw new ScriptError("yield not allowed");
            }
            c.wake(c.suspend());
            l.push(true);
            return 1;
        });
        s.function("wake_time", l -> {
            long ms = Args.integer(l, 1, "wake_time");
            Coroutine c = s.current();
            if (c != null) {
                c.wakeTimeMs(ms);
            }
            return 0;
        });
        s.function("check", l -> {
            Coroutine c = s.current();
            String why = c == null ? null : c.overLimit(l.toNumber(1));
            if (why == null) {
                return 0;
            }
            l.push(why);
            return 1;
        });
        L.push(s.runtime().limits().checkEvery());
        L.setField(-2, "every");
        L.push(s.runtime().limits().maxmemBytes() / 1024.0);
        L.setField(-2, "maxkb");
        L.push(s.thread());
        L.setField(-2, "thread");
        L.push(DONE);
        L.setField(-2, "done");
        LuaRegex.install(s);
        AppletLibrary.install(s);
        LuaSocket.install(s);
        ProxyLibrary.install(s);
        TxnLibrary.install(s);
        SampleLibrary.install(s);
        MapLibrary.install(s);
        // core.lua(core, H) finishes the classes; H stays reachable from the registry only
        L.pushValue(-1);
        s.hRef = L.ref();
        byte[] code = resource("core.lua");
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocateDirect(code.length);
        buf.put(code).flip();
        try {
            L.load(buf, "=haven/core.lua");
            L.insert(-3);
            L.pCall(2, 0);
            L.refGet(s.hRef);
            L.getField(-1, "call_with_txn");
            s.txnCall(L.ref());
            L.pop(1);
        } catch (LuaException e) {
            throw new IllegalStateException("Haven's core.lua failed: " + e.getMessage(), e);
        }
    }

    /** Sets the count hook on the thread at {@code index} of the main stack (see core.lua's H.prepare). */
    static void prepare(LuaState s, int index) {
        Lua L = s.main();
        int abs = L.getTop() + 1 + index;
        L.refGet(s.hRef);
        L.getField(-1, "prepare");
        L.pushValue(abs);
        L.pCall(1, 0);
        L.pop(1);
    }

    private static int sleep(LuaState s, Lua l, long ms) {
        Coroutine c = s.current();
        if (c == null) {
            // body and init contexts block, as in HAProxy (they run before serving, on no event loop)
            try {
                Thread.sleep(Math.max(0, ms));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            l.push(false);
            return 1;
        }
        if (c.mustNotYield()) {
            throw new ScriptError("yield not allowed");
        }
        c.wakeAfter(c.suspend(), Math.max(0, ms));
        l.push(true);
        return 1;
    }

    private static int tokenize(Lua l) {
        String str = Args.string(l, 1, "tokenize");
        String seps = Args.string(l, 2, "tokenize");
        boolean noblank = l.getTop() >= 3 && l.toBoolean(3);
        List<String> out = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= str.length(); i++) {
            if (i == str.length() || seps.indexOf(str.charAt(i)) >= 0) {
                String token = str.substring(start, i);
                if (!noblank || !token.isEmpty()) {
                    out.add(token);
                }
                start = i + 1;
            }
        }
        Tables.pushList(l, out);
        return 1;
    }

    private interface DateParser {
        Long parse(String text);
    }

    private static int date(Lua l, String fn, DateParser p) {
        Long epoch = p.parse(Args.string(l, 1, fn));
        if (epoch == null) {
            l.pushNil();
        } else {
            l.push(epoch.longValue());
        }
        return 1;
    }

    static byte[] resource(String name) {
        try (InputStream in = CoreLibrary.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
