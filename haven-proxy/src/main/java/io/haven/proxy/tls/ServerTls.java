package io.haven.proxy.tls;

import io.haven.config.model.TlsServerConfig;
import io.haven.core.acl.SampleContext;
import io.haven.core.server.Server;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPromise;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * TLS towards servers with {@code ssl}: the connection's handler gets an SslHandler before it,
 * which holds what the relay writes until the handshake is done. {@code verify required} checks
 * the server's chain against {@code ca-file} and its name against the SNI or {@code verifyhost}
 * ({@link ServerNameTrustManager}); {@code verify none} accepts any certificate, as HAProxy does.
 * {@code sni EXPR} is evaluated for each connection; an expression without a sample sends no
 * SNI. Contexts are built once per setting and shared until the next reload.
 */
public final class ServerTls {
    private static final Map<TlsServerConfig, SslContext> CONTEXTS = new ConcurrentHashMap<>();

    private ServerTls() {
    }

    /** Forgets the contexts: the next connections read their {@code ca-file} again (a reload). */
    public static void reloaded() {
        CONTEXTS.clear();
    }

    /**
     * The SNI to send to {@code server} for the connection or request {@code ctx}: its {@code sni}
     * expression's value, or null (no {@code ssl}, no {@code sni}, or no sample).
     */
    public static String sni(Server server, SampleContext ctx) {
        if (server.config().tls() == null || server.sni() == null) {
            return null;
        }
        Object v = server.sni().fetch(ctx);
        return v == null || v.toString().isEmpty() ? null : v.toString();
    }

    /** {@code relay} itself for a plain server, else an initializer that puts TLS (sending {@code sni}, may be null) in front of it. */
    public static ChannelHandler wrap(Server server, String sni, ChannelHandler relay) {
        TlsServerConfig tls = server.config().tls();
        if (tls == null) {
            return relay;
        }
        SslContext ctx = CONTEXTS.computeIfAbsent(tls, ServerTls::context);
        return new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(sni == null ? ctx.newHandler(ch.alloc())
                        : ctx.newHandler(ch.alloc(), sni, server.address().getPort()), relay);
            }
        };
    }

    /**
     * Completes when the connection {@code connect} makes is ready for the relay: connected, and
     * for a TLS server with its handshake done. A failed handshake (an untrusted certificate, a
     * wrong name) is a failed connect, retried and counted as HAProxy does, not a server that
     * hung up. For a plain server that is {@code connect} itself.
     */
    public static ChannelFuture ready(Server server, ChannelFuture connect) {
        if (server.config().tls() == null) {
            return connect;
        }
        ChannelPromise ready = connect.channel().newPromise();
        connect.addListener((ChannelFutureListener) f -> {
            SslHandler ssl = f.isSuccess() ? f.channel().pipeline().get(SslHandler.class) : null;
            if (!f.isSuccess()) {
                ready.tryFailure(f.cause());
            } else if (ssl == null) {
                ready.trySuccess();
            } else {
                ssl.handshakeFuture().addListener(h -> {
                    if (h.isSuccess()) {
                        ready.trySuccess();
                    } else {
                        ready.tryFailure(h.cause());
                    }
                });
            }
        });
        return ready;
    }

    private static SslContext context(TlsServerConfig tls) {
        try {
            // the name is checked by ServerNameTrustManager, as HAProxy does, not by the engine
            SslContextBuilder b = SslContextBuilder.forClient().sslProvider(TlsProvider.CHOSEN)
                    .endpointIdentificationAlgorithm(null);
            if (tls.verify()) {
                b.trustManager(ServerNameTrustManager.of(tls.caFile(), tls.verifyHost()));
            } else {
                b.trustManager(InsecureTrustManagerFactory.INSTANCE);
            }
            return b.build();
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("cannot use ca-file '" + tls.caFile() + "': " + e.getMessage(), e);
        }
    }
}
