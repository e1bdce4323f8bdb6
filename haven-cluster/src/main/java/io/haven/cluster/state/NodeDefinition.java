package io.haven.cluster.state;

/** A voter as configured: its name and whether it is a witness (votes, never runs resources). */
public record NodeDefinition(String name, boolean witness) {
}
