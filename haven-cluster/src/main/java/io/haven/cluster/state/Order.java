package io.haven.cluster.state;

/** Mandatory, symmetrical ordering: {@code then} starts after {@code first} runs and stops before it stops. */
public record Order(String id, String first, String then) {
}
