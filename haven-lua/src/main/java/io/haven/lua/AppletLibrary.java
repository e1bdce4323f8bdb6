package io.haven.lua;

import java.nio.ByteBuffer;
import java.util.Map;
import party.iroiro.luajava.Lua;

/**
 * The Java half of {@code AppletTCP} (core.lua has the class): send, receive, getline, variables
 * and private data of one applet, found by handle. Reads that must wait return nothing and the
 * Lua side yields until the applet wakes it.
 */
final class AppletLibrary {
    private AppletLibrary() {
    }

    /** Adds the applet primitives to the table (H) on top of the stack. */
    static void install(LuaState s) {
        s.function("applet_send", l -> {
            LuaApplet a = applet(s, l);
            ByteBuffer b = l.toBuffer(2);
            if (b == null) {
                throw ScriptError.badArgument(1, "send", "string expected, got " + Args.typeName(l, 2));
            }
            byte[] data = new byte[b.remaining()];
            b.get(data);
            l.push(a.send(data, s.current()));
            return 1;
        });
        s.function("applet_receive", l -> {
            LuaApplet a = applet(s, l);
            int size = l.isNoneOrNil(2) ? -1 : (int) Args.integer(l, 2, "receive");
            return push(l, a.receive(size, s.current()));
        });
        s.function("applet_getline", l -> push(l, applet(s, l).line(s.current())));
        s.function("applet_set_status", l -> {
            httpApplet(s, l).status((int) Args.integer(l, 2, "set_status"), l.isNoneOrNil(3) ? null : Args.string(l, 3, "set_status"));
            return 0;
        });
        s.function("applet_add_header", l -> {
            httpApplet(s, l).addHeader(Args.string(l, 2, "add_header"), Args.string(l, 3, "add_header"));
            return 0;
        });
        s.function("applet_start_response", l -> {
            httpApplet(s, l).startResponse();
            return 0;
        });
        s.function("applet_set_var", l -> {
            LuaApplet a = applet(s, l);
            String name = Args.string(l, 2, "set_var");
            Object value = switch (l.type(3)) {
                case NUMBER -> l.isInteger(3) ? (Object) l.toInteger(3) : (Object) (long) l.toNumber(3);
                case BOOLEAN -> l.toBoolean(3);
                case NIL -> null;
                default -> l.toString(3);
            };
            boolean ifExist = l.getTop() >= 4 && l.toBoolean(4);
            Map<String, Object> scope = scope(s, a, name);
            if (value == null || (ifExist && !scope.containsKey(name))) {
                return 0;
            }
            scope.put(name, value);
            return 0;
        });
        s.function("applet_get_var", l -> {
            LuaApplet a = applet(s, l);
            String name = Args.string(l, 2, "get_var");
            LuaValues.push(l, scope(s, a, name).get(name));
            return 1;
        });
        s.function("applet_unset_var", l -> {
            LuaApplet a = applet(s, l);
            String name = Args.string(l, 2, "unset_var");
            scope(s, a, name).remove(name);
            return 0;
        });
        s.function("applet_set_priv", l -> {
            LuaApplet a = applet(s, l);
            if (a.priv != 0) {
                l.unref(a.priv);
            }
            l.pushValue(2);
            a.priv = l.ref();
            return 0;
        });
        s.function("applet_get_priv", l -> {
            LuaApplet a = applet(s, l);
            if (a.priv == 0) {
                l.pushNil();
            } else {
                l.refGet(a.priv);
            }
            return 1;
        });
    }

    /** Pushes a new AppletTCP object for {@code applet} on {@code thread}'s stack; returns its handle. */
    static long push(LuaState s, Lua thread, LuaApplet applet) {
        return s.pushObject(thread, "new_applet", applet);
    }

    /**
     * Pushes a new AppletHTTP object for {@code applet} with HAProxy's fields: method, version,
     * path, qs, length and headers (lower-cased name to {@code {[0]=first, [1]=second, ...}}).
     */
    static long pushHttp(LuaState s, Lua thread, LuaHttpService.Applet applet, io.haven.core.http.HttpTxn txn) {
        long h = s.handle(applet);
        io.haven.core.http.HttpRequest r = txn.request();
        thread.refGet(s.hRef);
        thread.getField(-1, "new_applet_http");
        thread.push(h);
        thread.createTable(0, 6);
        thread.push(r.method());
        thread.setField(-2, "method");
        thread.push(r.version()); // "HTTP/1.1", as HAProxy 2.6 gives it
        thread.setField(-2, "version");
        thread.push(r.path());
        thread.setField(-2, "path");
        thread.push(r.query() == null ? "" : r.query());
        thread.setField(-2, "qs");
        String length = r.headers().first("content-length");
        long len = 0;
        try {
            len = length == null ? 0 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            len = 0;
        }
        thread.push(len);
        thread.setField(-2, "length");
        thread.newTable();
        io.haven.core.http.HttpHeaders hs = r.headers();
        for (int i = 0; i < hs.size(); i++) {
            String name = hs.name(i).toLowerCase(java.util.Locale.ROOT);
            thread.getField(-1, name);
            if (thread.isNil(-1)) {
                thread.pop(1);
                thread.newTable();
                thread.pushValue(-1);
                thread.setField(-3, name);
            }
            int n = (int) thread.rawLength(-1);
            thread.rawGetI(-1, 0);
            boolean empty = thread.isNil(-1);
            thread.pop(1);
            thread.push(hs.value(i));
            thread.rawSetI(-2, empty ? 0 : n + 1);
            thread.pop(1);
        }
        thread.setField(-2, "headers");
        thread.pCall(2, 1);
        thread.remove(-2);
        return h;
    }

    private static LuaHttpService.Applet httpApplet(LuaState s, Lua l) {
        return s.handle(l.toInteger(1), LuaHttpService.Applet.class);
    }

    private static LuaApplet applet(LuaState s, Lua l) {
        return s.handle(l.toInteger(1), LuaApplet.class);
    }

    private static int push(Lua l, byte[] data) {
        if (data == null) {
            return 0;
        }
        l.push(ByteBuffer.allocateDirect(data.length).put(data).flip());
        return 1;
    }

    /** Variables by HAProxy's scopes: proc is the runtime's, the others live with the stream. */
    private static Map<String, Object> scope(LuaState s, LuaApplet a, String name) {
        int dot = name.indexOf('.');
        String scope = dot < 0 ? "" : name.substring(0, dot);
        return switch (scope) {
            case "proc" -> s.runtime().procVars();
            case "sess", "txn", "req", "res" -> a.vars(scope);
            default -> throw new ScriptError("invalid variable name '" + name
                    + "': expected a scope (proc, sess, txn, req or res), a dot and a name");
        };
    }
}
