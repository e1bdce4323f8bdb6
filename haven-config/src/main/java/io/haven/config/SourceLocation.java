package io.haven.config;

/** Where a configuration line came from, for diagnostics: {@code file:line}. */
public record SourceLocation(String file, int line) {
    @Override
    public String toString() {
        return file + ":" + line;
    }
}
