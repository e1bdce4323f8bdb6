package io.haven.lua;

import party.iroiro.luajava.Lua;
import party.iroiro.luajava.LuaNatives;

/**
 * Pushes straight through luajava's natives, for the per-request paths: luajava's own push
 * methods call {@code lua_checkstack} before every push, so each costs two JNI calls instead of
 * one. The caller makes room once ({@link Lua#checkStack}), or pushes no more than the
 * {@code LUA_MINSTACK} slots Lua guarantees to a Java function called from Lua.
 */
final class RawPush {
    private RawPush() {
    }

    static void integer(Lua l, long v) {
        l.getLuaNatives().lua_pushinteger(l.getPointer(), v);
    }

    static void bool(Lua l, boolean v) {
        l.getLuaNatives().lua_pushboolean(l.getPointer(), v ? 1 : 0);
    }

    static void string(Lua l, String v) {
        l.getLuaNatives().luaJ_pushstring(l.getPointer(), v);
    }

    /** {@code LUA_REGISTRYINDEX}, a constant of the Lua build: asked once (a benign race asks twice). */
    private static int registry;

    /** Pushes the registry's value at {@code ref} (luajava's refGet asks Lua for the registry's index each time). */
    static void ref(Lua l, int ref) {
        LuaNatives c = l.getLuaNatives();
        int r = registry;
        if (r == 0) {
            r = c.getRegistryIndex();
            registry = r;
        }
        c.luaJ_rawgeti(l.getPointer(), r, ref);
    }
}
