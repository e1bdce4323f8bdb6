package io.haven.config.model;

import io.haven.config.SourceLocation;

/**
 * One address a frontend listens on; {@code host} "*" or empty means all IPv4 addresses.
 *
 * @param tls the TLS termination settings ({@code ssl crt ...}), null for plain TCP
 */
public record BindConfig(String host, int port, SourceLocation location, TlsBindConfig tls) {
    public BindConfig(String host, int port, SourceLocation location) {
        this(host, port, location, null);
    }

    public String describe() {
        return (host.isEmpty() ? "*" : host) + ":" + port;
    }
}
