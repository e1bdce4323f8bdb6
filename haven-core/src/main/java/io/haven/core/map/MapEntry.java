package io.haven.core.map;

/**
 * One {@code key value} line of a map; {@code id} identifies it in the runtime API ({@code #id}),
 * {@code line} is its line in the file (0 when added at runtime).
 */
public record MapEntry(long id, String key, String value, int line) {
}
