package io.haven.core.tls;

import java.util.List;

/**
 * A client connection's TLS handshake as the fetches see it, captured once when the handshake
 * completes.
 *
 * @param sni         the server name the client asked for, or null without SNI
 * @param protocol    the negotiated version as OpenSSL names it ({@code TLSv1.3}, {@code TLSv1.2}, ...)
 * @param alpn        the protocol chosen by ALPN, or null
 * @param certificate whether the client presented a certificate
 * @param verifyError the verification error code of the client's certificate (0: none); a
 *                    certificate that fails verification ends the handshake, so it is 0 here
 * @param subject     the client certificate's subject as relative names in certificate order
 *                    (most significant first: {@code C}, ..., {@code CN}), empty without one
 * @param issuer      its issuer, likewise
 */
public record ClientTls(String sni, String protocol, String alpn, boolean certificate, long verifyError,
                        List<DnEntry> subject, List<DnEntry> issuer) {
    /** One attribute of a distinguished name, with OpenSSL's short name ({@code CN}, {@code O}, {@code emailAddress}). */
    public record DnEntry(String type, String value) {
    }

    public ClientTls {
        subject = List.copyOf(subject);
        issuer = List.copyOf(issuer);
    }
}
