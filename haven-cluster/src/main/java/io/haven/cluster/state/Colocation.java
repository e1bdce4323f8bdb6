package io.haven.cluster.state;

/** Place {@code resource} relative to {@code withResource} with {@code score} (see {@link Score}). */
public record Colocation(String id, int score, String resource, String withResource) {
}
