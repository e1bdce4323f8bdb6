package io.haven.config;

import java.util.List;
import java.util.stream.Collectors;

/** A configuration that cannot be used; carries every error found, each naming file, line and keyword. */
public final class ConfigException extends Exception {
    private final List<Diagnostic> diagnostics;

    public ConfigException(List<Diagnostic> diagnostics) {
        super(diagnostics.stream().map(Diagnostic::toString).collect(Collectors.joining("\n")));
        this.diagnostics = List.copyOf(diagnostics);
    }

    public ConfigException(SourceLocation at, String keyword, String message) {
        this(List.of(new Diagnostic(at, keyword, message)));
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
