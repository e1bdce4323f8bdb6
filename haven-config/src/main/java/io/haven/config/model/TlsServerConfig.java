package io.haven.config.model;

/**
 * {@code server ... ssl [verify none|required] [ca-file FILE]}: TLS towards one server.
 *
 * @param verify whether the server's certificate chain must lead to {@code caFile}; HAProxy's
 *               default is {@code required}, which then needs a {@code ca-file}
 * @param caFile PEM file of the certificate authorities trusted for this server, or null
 */
public record TlsServerConfig(boolean verify, String caFile) {
}
