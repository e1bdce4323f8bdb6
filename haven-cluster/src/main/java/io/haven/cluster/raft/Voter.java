package io.haven.cluster.raft;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * One voter of the cluster: its name (the Raft id), the address its JGroups TCP transport listens
 * on, and whether it is a witness (a voter the resource manager places nothing on).
 */
public record Voter(String name, InetSocketAddress address, boolean witness) {

    public Voter {
        Objects.requireNonNull(name, "voter name");
        Objects.requireNonNull(address, "address of voter " + name);
        if (name.isBlank() || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("voter name '" + name + "' must be letters, digits, '_', '.' or '-'");
        }
        if (address.getPort() <= 0) {
            throw new IllegalArgumentException("voter " + name + ": port must be 1-65535, got " + address.getPort());
        }
    }

    /** A member: a voter that may run resources. */
    public static Voter member(String name, String host, int port) {
        return new Voter(name, new InetSocketAddress(host, port), false);
    }

    /** A witness: a voter that only votes. */
    public static Voter witness(String name, String host, int port) {
        return new Voter(name, new InetSocketAddress(host, port), true);
    }
}
