package io.haven.config.model;

import io.haven.config.SourceLocation;

/**
 * {@code order NAME FIRST THEN}: a mandatory, symmetrical ordering, as Pacemaker's default kind:
 * {@code then} starts only once {@code first} runs, and stops before {@code first} stops.
 */
public record OrderConfig(String id, String first, String then, SourceLocation location) {
}
