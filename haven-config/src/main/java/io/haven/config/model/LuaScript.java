package io.haven.config.model;

import io.haven.config.SourceLocation;

/**
 * One {@code lua-load FILE} (into the state shared by every event loop) or
 * {@code lua-load-per-thread FILE} (into one state per event loop) line.
 */
public record LuaScript(String file, boolean perThread, SourceLocation location) {
}
