package io.haven.config.model;

import io.haven.config.SourceLocation;

/** One address a frontend listens on; {@code host} "*" or empty means all IPv4 addresses. */
public record BindConfig(String host, int port, SourceLocation location) {
    public String describe() {
        return (host.isEmpty() ? "*" : host) + ":" + port;
    }
}
