package io.haven.proxy.tls;

import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The host names a certificate is for, as HAProxy reads them: its DNS subject alternative
 * names, else its common name; a name may start with one {@code *} label that stands for exactly
 * one label of the host. Used to pick a certificate by SNI and to check a server's certificate
 * ({@code verifyhost}, {@code sni}).
 */
final class CertificateNames {
    private CertificateNames() {
    }

    /** The names, lower case, in the certificate's order. */
    static Set<String> of(X509Certificate cert) throws CertificateParsingException {
        Set<String> names = new LinkedHashSet<>();
        Collection<List<?>> sans = cert.getSubjectAlternativeNames();
        if (sans != null) {
            for (List<?> san : sans) {
                if (Integer.valueOf(2).equals(san.get(0))) {
                    names.add(san.get(1).toString().toLowerCase(Locale.ROOT));
                }
            }
        }
        if (names.isEmpty()) {
            try {
                for (Rdn rdn : new LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                    if (rdn.getType().equalsIgnoreCase("CN")) {
                        names.add(rdn.getValue().toString().toLowerCase(Locale.ROOT));
                    }
                }
            } catch (InvalidNameException e) {
                // no usable subject name: the certificate names no host
            }
        }
        return names;
    }

    /** Whether {@code cert} is for {@code host}. */
    static boolean matches(X509Certificate cert, String host) throws CertificateParsingException {
        String h = host.toLowerCase(Locale.ROOT);
        for (String name : of(cert)) {
            if (name.equals(h)) {
                return true;
            }
            if (name.startsWith("*.")) {
                int dot = h.indexOf('.');
                if (dot > 0 && h.substring(dot).equals(name.substring(1))) {
                    return true;
                }
            }
        }
        return false;
    }
}
