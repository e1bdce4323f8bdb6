/** Lua 5.4 (real C Lua over JNI) with HAProxy's Lua API: scripts, the {@code core} class, tasks, services, cli commands. */
package io.haven.lua;
