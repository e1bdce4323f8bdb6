package io.haven.lua;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import javax.net.ssl.SSLException;

/**
 * TLS for {@code Socket:connect_ssl} and https {@code core.httpclient()} requests: the JDK's
 * provider, with the server's certificate not verified, as HAProxy's Lua sockets do by default
 * ({@code ssl verify none}). One client context serves every state.
 */
final class LuaTls {
    private static final SslContext CLIENT = build();

    private LuaTls() {
    }

    /** A client handler for a connection to {@code host:port} (the name is sent as SNI). */
    static SslHandler client(String host, int port) {
        return CLIENT.newHandler(ByteBufAllocator.DEFAULT, host, port);
    }

    private static SslContext build() {
        try {
            return SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                    .trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        } catch (SSLException e) {
            throw new IllegalStateException("the JDK's TLS client cannot start: " + e.getMessage(), e);
        }
    }
}
