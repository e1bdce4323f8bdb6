package io.haven.proxy.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS implementation both sides use: OpenSSL (BoringSSL from netty-tcnative-boringssl-static)
 * when its native library loads on this machine, else the JDK's, with one line in the log saying
 * why. Chosen once per process.
 */
final class TlsProvider {
    private static final Logger LOG = LoggerFactory.getLogger(TlsProvider.class);
    static final SslProvider CHOSEN = choose();

    private TlsProvider() {
    }

    private static SslProvider choose() {
        if (OpenSsl.isAvailable()) {
            LOG.info("TLS runs on {} (netty-tcnative)", OpenSsl.versionString());
            return SslProvider.OPENSSL;
        }
        Throwable why = OpenSsl.unavailabilityCause();
        LOG.warn("OpenSSL (netty-tcnative) cannot be loaded, TLS runs on the JDK's provider: {}",
                why == null ? "unknown reason" : why.toString());
        return SslProvider.JDK;
    }
}
