package io.haven.lua;

/** A script that could not be loaded or whose body failed; the message starts with {@code file:line:} when Lua knows it. */
public final class LuaLoadException extends Exception {
    public LuaLoadException(String message) {
        super(message, null, false, false);
    }
}
