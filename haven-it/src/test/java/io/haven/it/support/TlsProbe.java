package io.haven.it.support;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * A JDK TLS client that trusts any certificate, for tests that look at which certificate a
 * listener serves rather than at whether it is trusted.
 */
public final class TlsProbe {
    private TlsProbe() {
    }

    /** The subject of the certificate served on 127.0.0.1:{@code port} to a client sending {@code sni} (null: none). */
    public static String servedSubject(int port, String sni) throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new TrustAll()}, null);
        try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout(10_000);
            if (sni != null) {
                SSLParameters p = s.getSSLParameters();
                p.setServerNames(List.of(new SNIHostName(sni)));
                s.setSSLParameters(p);
            }
            s.startHandshake();
            return ((X509Certificate) s.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
        }
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
