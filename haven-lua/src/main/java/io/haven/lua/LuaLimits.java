package io.haven.lua;

import io.haven.config.model.LuaSettings;

/**
 * How long and how big Lua code may run. Time counts only Lua execution, not sleeps or waits, as
 * in HAProxy; 0 means unlimited. A coroutine over its budget is stopped with an error; the others
 * go on.
 */
record LuaLimits(long maxmemBytes, int checkEvery, long sessionMs, long serviceMs, long taskMs) {
    static LuaLimits of(LuaSettings s) {
        return new LuaLimits(s.maxmemBytes(), s.forcedYield(), s.sessionTimeoutMs(), s.serviceTimeoutMs(), s.taskTimeoutMs());
    }
}
