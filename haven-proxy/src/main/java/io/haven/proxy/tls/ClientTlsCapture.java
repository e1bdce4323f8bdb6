package io.haven.proxy.tls;

import io.haven.core.tls.ClientTls;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.security.auth.x500.X500Principal;

/**
 * Reads what the fetches need from a client's finished handshake and keeps it on the channel,
 * so that sessions read it without touching the TLS engine again.
 */
public final class ClientTlsCapture {
    private static final AttributeKey<ClientTls> KEY = AttributeKey.valueOf("haven.clientTls");
    /** Attributes the JDK prints as OIDs, by OpenSSL's short names. */
    private static final Map<String, String> NAMES = Map.of("1.2.840.113549.1.9.1", "emailAddress", "2.5.4.5", "serialNumber");

    private ClientTlsCapture() {
    }

    /** The client's TLS handshake on {@code ch}, or null over clear text. */
    public static ClientTls of(Channel ch) {
        return ch.attr(KEY).get();
    }

    static void capture(Channel ch, SslHandler ssl, String sni) {
        SSLSession session = ssl.engine().getSession();
        X509Certificate cert = null;
        try {
            Certificate[] chain = session.getPeerCertificates();
            if (chain.length > 0 && chain[0] instanceof X509Certificate x) {
                cert = x;
            }
        } catch (SSLPeerUnverifiedException e) {
            // no client certificate
        }
        ch.attr(KEY).set(new ClientTls(sni, session.getProtocol(), ssl.applicationProtocol(),
                cert != null, 0, cert == null ? List.of() : entries(cert.getSubjectX500Principal()),
                cert == null ? List.of() : entries(cert.getIssuerX500Principal())));
    }

    /** The relative names in certificate order (LdapName lists them from the right of the RFC 2253 string). */
    private static List<ClientTls.DnEntry> entries(X500Principal name) {
        List<ClientTls.DnEntry> out = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(name.getName(X500Principal.RFC2253, NAMES)).getRdns()) {
                out.add(new ClientTls.DnEntry(rdn.getType(), rdn.getValue().toString()));
            }
        } catch (InvalidNameException e) {
            // a name the JDK printed but cannot parse back: the fetches see no entries
        }
        return out;
    }
}
