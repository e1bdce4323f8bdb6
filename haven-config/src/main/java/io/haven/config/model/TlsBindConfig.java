package io.haven.config.model;

import java.util.List;

/**
 * {@code bind ... ssl crt FILE|DIR [crt ...] [alpn LIST] [ssl-min-ver V] [ssl-max-ver V]
 * [verify none|optional|required] [ca-file FILE]}: TLS termination on one listening address.
 *
 * @param certificates PEM files, each holding a certificate chain and its private key, in the
 *                     order given (a directory contributes its files in name order); the first
 *                     is the default when the client's SNI names none of them
 * @param alpn         protocols offered by ALPN, in preference order; empty offers none
 * @param minVersion   the lowest protocol version accepted ({@code TLSv1.0} .. {@code TLSv1.3}),
 *                     null for the TLS library's default
 * @param maxVersion   the highest, null for the library's default
 * @param verify       whether clients are asked for a certificate; HAProxy's default is none
 * @param caFile       PEM file of the authorities client certificates must lead to; set when
 *                     {@code verify} is optional or required, null otherwise
 */
public record TlsBindConfig(List<String> certificates, List<String> alpn, String minVersion, String maxVersion,
                            ClientVerify verify, String caFile) {
    /** The versions in order, as HAProxy names them for ssl-min-ver and ssl-max-ver. */
    public static final List<String> VERSIONS = List.of("TLSv1.0", "TLSv1.1", "TLSv1.2", "TLSv1.3");

    /** {@code verify} on a bind line: no client certificate asked, one asked, one required. */
    public enum ClientVerify { NONE, OPTIONAL, REQUIRED }

    public TlsBindConfig {
        certificates = List.copyOf(certificates);
        alpn = List.copyOf(alpn);
    }

    /** Without client certificates. */
    public TlsBindConfig(List<String> certificates, List<String> alpn, String minVersion, String maxVersion) {
        this(certificates, alpn, minVersion, maxVersion, ClientVerify.NONE, null);
    }
}
