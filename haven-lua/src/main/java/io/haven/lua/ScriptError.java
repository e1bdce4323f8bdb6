package io.haven.lua;

/**
 * An error raised in Lua by a Java function of the API (a bad argument, a closed socket). luajava
 * turns a thrown exception into a Lua error whose message is the exception's {@code toString()};
 * this one is the bare message, as a C function's {@code luaL_error} would give.
 */
final class ScriptError extends RuntimeException {
    ScriptError(String message) {
        super(message, null, false, false);
    }

    /** HAProxy's (and luaL_argerror's) wording: {@code bad argument #N to 'FUNC' (WHAT)}. */
    static ScriptError badArgument(int n, String function, String what) {
        return new ScriptError("bad argument #" + n + " to '" + function + "' (" + what + ")");
    }

    @Override
    public String toString() {
        return getMessage();
    }
}
