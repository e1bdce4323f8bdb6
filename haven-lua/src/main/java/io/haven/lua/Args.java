package io.haven.lua;

import party.iroiro.luajava.Lua;

/** Argument checks for Java functions called from Lua, with luaL_check*'s wording. */
final class Args {
    private Args() {
    }

    static String string(Lua l, int i, String fn) {
        String s = l.toString(i); // null unless a string or a number, as lua_isstring: one JNI call, not two
        if (s == null) {
            throw ScriptError.badArgument(i, fn, "string expected, got " + typeName(l, i));
        }
        return s;
    }

    static long integer(Lua l, int i, String fn) {
        if (!l.isNumber(i)) {
            throw ScriptError.badArgument(i, fn, "number expected, got " + typeName(l, i));
        }
        if (l.isInteger(i)) {
            return l.toInteger(i);
        }
        double d = l.toNumber(i);
        if (d != Math.rint(d)) {
            throw ScriptError.badArgument(i, fn, "number has no integer representation");
        }
        return (long) d;
    }

    static double number(Lua l, int i, String fn) {
        if (!l.isNumber(i)) {
            throw ScriptError.badArgument(i, fn, "number expected, got " + typeName(l, i));
        }
        return l.toNumber(i);
    }

    static void function(Lua l, int i, String fn) {
        if (!l.isFunction(i)) {
            throw ScriptError.badArgument(i, fn, "function expected, got " + typeName(l, i));
        }
    }

    static String typeName(Lua l, int i) {
        if (l.isNone(i)) {
            return "no value";
        }
        return switch (l.type(i)) {
            case NIL -> "nil";
            case BOOLEAN -> "boolean";
            case NUMBER -> "number";
            case STRING -> "string";
            case TABLE -> "table";
            case FUNCTION -> "function";
            case THREAD -> "thread";
            default -> "userdata";
        };
    }
}
