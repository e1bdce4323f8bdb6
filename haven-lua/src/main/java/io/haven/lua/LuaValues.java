package io.haven.lua;

import java.net.InetAddress;
import java.nio.ByteBuffer;
import party.iroiro.luajava.Lua;

/** Samples to Lua values and back, as HAProxy converts them: integers, booleans and strings. */
final class LuaValues {
    private LuaValues() {
    }

    /** Pushes a sample: Long as an integer, Boolean as a boolean, addresses and text as strings, null as nil. */
    static void push(Lua l, Object v) {
        if (v == null) {
            l.pushNil();
        } else if (v instanceof Long n) {
            l.push(n.longValue());
        } else if (v instanceof Boolean b) {
            l.push(b.booleanValue());
        } else if (v instanceof InetAddress a) {
            l.push(a.getHostAddress());
        } else if (v instanceof byte[] b) {
            l.push(ByteBuffer.allocateDirect(b.length).put(b).flip());
        } else {
            l.push(v.toString());
        }
    }

    /** The value at {@code i} as a sample: numbers as Long, booleans, strings; anything else is no sample. */
    static Object sample(Lua l, int i) {
        return switch (l.type(i)) {
            case NUMBER -> l.isInteger(i) ? (Object) l.toInteger(i) : (Object) (long) l.toNumber(i);
            case BOOLEAN -> l.toBoolean(i);
            case STRING -> l.toString(i);
            default -> null;
        };
    }

    /** The value at {@code i} as text for an argument (numbers written out), or null if absent. */
    static String text(Lua l, int i) {
        if (l.isNoneOrNil(i)) {
            return null;
        }
        if (l.isInteger(i)) {
            return Long.toString(l.toInteger(i));
        }
        return l.toString(i);
    }
}
