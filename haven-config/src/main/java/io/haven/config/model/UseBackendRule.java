package io.haven.config.model;

import io.haven.config.SourceLocation;

/** {@code use_backend NAME [if|unless COND]}; a null condition always matches. */
public record UseBackendRule(String backend, Condition condition, SourceLocation location) {
}
