package io.haven.config.model;

/**
 * {@code server ... ssl [verify none|required] [ca-file FILE] [sni EXPR] [verifyhost NAME]}: TLS
 * towards one server.
 *
 * @param verify     whether the server's certificate chain must lead to {@code caFile}; HAProxy's
 *                   default is {@code required}, which then needs a {@code ca-file}
 * @param caFile     PEM file of the certificate authorities trusted for this server, or null
 * @param sni        sample expression whose value is sent as SNI on each connection (HAProxy's
 *                   {@code sni}, such as {@code req.hdr(host)}), or null to send none
 * @param verifyHost the name the certificate must carry when no SNI was sent; with an SNI the
 *                   certificate must carry the SNI. Only with {@code verify}; null checks no name
 */
public record TlsServerConfig(boolean verify, String caFile, String sni, String verifyHost) {
    /** Without SNI and name check. */
    public TlsServerConfig(boolean verify, String caFile) {
        this(verify, caFile, null, null);
    }
}
