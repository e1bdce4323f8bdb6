package io.haven.proxy.tls;

import io.haven.config.model.TlsServerConfig;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.File;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SSLException;

/**
 * TLS towards servers with {@code ssl}: the connection's handler gets an SslHandler before it,
 * which holds what the relay writes until the handshake is done. {@code verify required} checks
 * the server's chain against {@code ca-file}; {@code verify none} accepts any certificate, as
 * HAProxy does. No SNI is sent and the name is not checked ({@code sni} and {@code verifyhost}
 * are not implemented). Contexts are built once per setting and shared until the next reload.
 */
public final class ServerTls {
    private static final Map<TlsServerConfig, SslContext> CONTEXTS = new ConcurrentHashMap<>();

    private ServerTls() {
    }

    /** Forgets the contexts: the next connections read their {@code ca-file} again (a reload). */
    public static void reloaded() {
        CONTEXTS.clear();
    }

    /** {@code relay} itself for a plain server, else an initializer that puts TLS in front of it. */
    public static ChannelHandler wrap(TlsServerConfig tls, ChannelHandler relay) {
        if (tls == null) {
            return relay;
        }
        SslContext ctx = CONTEXTS.computeIfAbsent(tls, ServerTls::context);
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(ctx.newHandler(ch.alloc()), relay);
            }
        };
    }

    private static SslContext context(TlsServerConfig tls) {
        try {
            // HAProxy checks the name only with 'verifyhost' or 'sni'; Netty 4.2 checks it by default
            SslContextBuilder b = SslContextBuilder.forClient().sslProvider(TlsProvider.CHOSEN)
                    .endpointIdentificationAlgorithm(null);
            if (tls.verify()) {
                b.trustManager(new File(tls.caFile()));
            } else {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE);
            }
            return b.build();
        } catch (SSLException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot use ca-file '" + tls.caFile() + "': " + e.getMessage(), e);
        }
    }
}
