package io.haven.admin;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;

/**
 * Reads the address of a runtime API socket as an operator writes it: a unix socket path (or
 * {@code unix@PATH}), or {@code HOST:PORT} / {@code [IPV6]:PORT} (optionally {@code ipv4@} or
 * {@code ipv6@}). A word without a port is a path, so {@code haven.sock} works too.
 */
final class AdminAddress {
    private AdminAddress() {
    }

    static SocketAddress parse(String address) {
        if (address == null || address.isBlank()) {
            throw new IllegalArgumentException("no runtime API address given (expected a socket path or HOST:PORT)");
        }
        if (address.startsWith("unix@")) {
            return UnixDomainSocketAddress.of(Path.of(address.substring(5)));
        }
        String a = address.startsWith("ipv4@") || address.startsWith("ipv6@") ? address.substring(5) : address;
        if (!a.contains("/")) {
            int colon = a.lastIndexOf(':');
            if (colon >= 0 && colon < a.length() - 1 && a.substring(colon + 1).chars().allMatch(Character::isDigit)) {
                String host = a.substring(0, colon);
                if (host.startsWith("[") && host.endsWith("]")) {
                    host = host.substring(1, host.length() - 1);
                }
                int port = Integer.parseInt(a.substring(colon + 1));
                if (port < 1 || port > 65_535) {
                    throw new IllegalArgumentException("port out of range in runtime API address '" + address + "'");
                }
                return new InetSocketAddress(host.isEmpty() || host.equals("*") ? "127.0.0.1" : host, port);
            }
        }
        return UnixDomainSocketAddress.of(Path.of(a));
    }
}
