package io.haven.proxy.tls;

import io.haven.config.model.TlsBindConfig;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SniHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.DomainWildcardMappingBuilder;
import io.netty.util.Mapping;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLException;

/**
 * TLS termination for one {@code bind ... ssl} line: one server context per certificate file,
 * chosen by the client's SNI among each certificate's DNS names (subject alternative names, else
 * the common name; wildcards as {@code *.example.com}), the first file when no name matches or
 * the client sends no SNI, as HAProxy does. The data plane calls {@link #install} on the
 * pipeline of every accepted connection, for tcp and http listeners alike.
 *
 * <p>TLS runs on OpenSSL (netty-tcnative-boringssl-static) when it loads, else on the JDK's
 * provider; see {@link TlsProvider}.
 */
public final class TlsTermination {
    /** A client that has not sent its ClientHello or finished its handshake by then is closed (Netty's SslHandler default). */
    static final long HANDSHAKE_TIMEOUT_MS = 10_000;
    /** Netty's default bound on a ClientHello (0 = its default). */
    private static final int MAX_CLIENT_HELLO = 0;

    private final Mapping<String, SslContext> byName;

    private TlsTermination(Mapping<String, SslContext> byName) {
        this.byName = byName;
    }

    /** Builds the contexts; an unreadable file or key is an error naming it. */
    public static TlsTermination of(TlsBindConfig config) throws IOException {
        List<SslContext> contexts = new ArrayList<>();
        List<Set<String>> names = new ArrayList<>();
        for (String file : config.certificates()) {
            contexts.add(context(config, file));
            names.add(dnsNames(Path.of(file)));
        }
        DomainWildcardMappingBuilder<SslContext> b = new DomainWildcardMappingBuilder<>(contexts.get(0));
        // the first file that names a host wins, as HAProxy keeps the first certificate for a name
        for (int i = contexts.size() - 1; i >= 0; i--) {
            for (String n : names.get(i)) {
                b.add(n, contexts.get(i));
            }
        }
        return new TlsTermination(b.build());
    }

    /**
     * Puts TLS first in a new connection's pipeline: a handler that reads the ClientHello, picks
     * the context by SNI and replaces itself with an SslHandler, and a gate that holds the relay's
     * writes until the handshake is done.
     */
    public void install(ChannelPipeline pipeline) {
        pipeline.addFirst(new SniHandler(byName, MAX_CLIENT_HELLO, HANDSHAKE_TIMEOUT_MS), new HandshakeWriteGate());
    }

    /** Whether {@link #install} put TLS in this pipeline and the handshake is not done yet. */
    public static boolean installed(ChannelPipeline pipeline) {
        return pipeline.get(HandshakeWriteGate.class) != null;
    }

    private static SslContext context(TlsBindConfig config, String file) throws IOException {
        File pem = new File(file);
        try {
            SslContextBuilder b = SslContextBuilder.forServer(pem, pem).sslProvider(TlsProvider.CHOSEN);
            List<String> protocols = protocols(config.minVersion(), config.maxVersion());
            if (protocols != null) {
                b.protocols(protocols);
            }
            if (config.verify() != TlsBindConfig.ClientVerify.NONE) {
                b.clientAuth(config.verify() == TlsBindConfig.ClientVerify.REQUIRED ? ClientAuth.REQUIRE : ClientAuth.OPTIONAL)
                        .trustManager(new File(config.caFile()));
            }
            if (!config.alpn().isEmpty()) {
                b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, config.alpn()));
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IOException("cannot load certificate and key from '" + file + "'"
                    + (config.caFile() == null ? "" : " or the authorities of ca-file '" + config.caFile() + "'") + ": " + e.getMessage(), e);
        }
    }

    /** The JDK names of the versions from min to max (HAProxy's TLSv1.0 is the JDK's TLSv1); null for the default. */
    static List<String> protocols(String min, String max) {
        if (min == null && max == null) {
            return null;
        }
        List<String> all = TlsBindConfig.VERSIONS;
        int from = min == null ? all.indexOf("TLSv1.2") : all.indexOf(min);
        int to = max == null ? all.size() - 1 : all.indexOf(max);
        List<String> out = new ArrayList<>();
        for (int i = Math.min(from, to); i <= to; i++) {
            out.add(all.get(i).equals("TLSv1.0") ? "TLSv1" : all.get(i));
        }
        return out;
    }

    /** The DNS names a certificate file's first certificate is for: its SANs, else its CN. */
    static Set<String> dnsNames(Path pem) throws IOException {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateNames.of((X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in));
        } catch (CertificateException e) {
            throw new IOException("cannot read the certificate in '" + pem + "': " + e.getMessage(), e);
        }
    }
}
