package io.haven.config.model;

/** One {@code lua-prepend-path PATH [path|cpath]} line: prepended to {@code package.path} or {@code package.cpath}. */
public record LuaPath(String path, boolean cpath) {
}
