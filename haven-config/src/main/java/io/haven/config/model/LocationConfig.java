package io.haven.config.model;

import io.haven.config.SourceLocation;

/** {@code location NAME RSC SCORE NODE}: a preference (or, with {@code -inf}, a ban) of a resource for a node. */
public record LocationConfig(String id, String resource, int score, String node, SourceLocation location) {
}
