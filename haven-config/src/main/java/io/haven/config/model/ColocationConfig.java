package io.haven.config.model;

import io.haven.config.SourceLocation;

/**
 * {@code colocation NAME SCORE RSC WITH-RSC}: place {@code resource} relative to where
 * {@code withResource} runs. {@code inf} means only together, {@code -inf} never together; a finite
 * score is a preference. {@code withResource} is placed first.
 */
public record ColocationConfig(String id, int score, String resource, String withResource, SourceLocation location) {
}
