package io.haven.config.model;

import io.haven.config.SourceLocation;

/**
 * A {@code member} or {@code witness} line: a voter of the cluster, its name and the address its
 * cluster transport binds to. Witnesses vote but never run resources.
 */
public record ClusterNodeConfig(String name, String host, int port, boolean witness, SourceLocation location) {
}
