package io.haven.config.model;

import java.util.List;

/**
 * {@code bind ... ssl crt FILE|DIR [crt ...] [alpn LIST] [ssl-min-ver V] [ssl-max-ver V]}: TLS
 * termination on one listening address.
 *
 * @param certificates PEM files, each holding a certificate chain and its private key, in the
 *                     order given (a directory contributes its files in name order); the first
 *                     is the default when the client's SNI names none of them
 * @param alpn         protocols offered by ALPN, in preference order; empty offers none
 * @param minVersion   the lowest protocol version accepted ({@code TLSv1.0} .. {@code TLSv1.3}),
 *                     null for the TLS library's default
 * @param maxVersion   the highest, null for the library's default
 */
public record TlsBindConfig(List<String> certificates, List<String> alpn, String minVersion, String maxVersion) {
    /** The versions in order, as HAProxy names them for ssl-min-ver and ssl-max-ver. */
    public static final List<String> VERSIONS = List.of("TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    public TlsBindConfig {
        certificates = List.copyOf(certificates);
        alpn = List.copyOf(alpn);
    }
}
