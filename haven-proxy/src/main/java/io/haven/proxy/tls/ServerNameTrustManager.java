package io.haven.proxy.tls;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * {@code verify required} towards a server: the chain must lead to an authority of the
 * {@code ca-file}, and, as HAProxy checks it, the certificate must be for the SNI sent on the
 * connection or, without one, for {@code verifyhost}; with neither no name is checked. The SNI
 * is the engine's peer host, which the connection sets only when it sends one.
 */
final class ServerNameTrustManager extends X509ExtendedTrustManager {
    private final X509TrustManager authorities;
    private final String verifyHost;

    private ServerNameTrustManager(X509TrustManager authorities, String verifyHost) {
        this.authorities = authorities;
        this.verifyHost = verifyHost;
    }

    /** Trusts the authorities in the PEM file {@code caFile}, checking names against {@code verifyHost} (may be null). */
    static ServerNameTrustManager of(String caFile, String verifyHost) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
        ks.load(null, null);
        int n = 0;
        try (InputStream in = Files.newInputStream(Path.of(caFile))) {
            for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                ks.setCertificateEntry("ca-" + n++, c);
            }
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ks);
        for (TrustManager tm : tmf.getTrustManagers()) {
            if (tm instanceof X509TrustManager x) {
                return new ServerNameTrustManager(x, verifyHost);
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager for '" + caFile + "'");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        authorities.checkServerTrusted(chain, authType);
        String expected = engine != null && engine.getPeerHost() != null ? engine.getPeerHost() : verifyHost;
        if (expected != null && !CertificateNames.matches(chain[0], expected)) {
            throw new CertificateException("the server's certificate is not for '" + expected + "' (names: "
                    + CertificateNames.of(chain[0]) + ")");
        }
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        checkServerTrusted(chain, authType, (SSLEngine) null);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        checkServerTrusted(chain, authType, (SSLEngine) null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a server-side trust manager checks no client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a server-side trust manager checks no client");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a server-side trust manager checks no client");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return authorities.getAcceptedIssuers();
    }
}
