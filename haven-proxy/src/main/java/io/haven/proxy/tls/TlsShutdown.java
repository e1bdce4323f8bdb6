package io.haven.proxy.tls;

import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.ssl.SslHandler;

/**
 * Half-closes a relayed connection's output the way its protocol expects: over TLS a
 * close_notify goes first, so the peer sees the end of the stream rather than a truncation
 * ("unexpected eof"); over plain TCP it is a FIN.
 */
public final class TlsShutdown {
    private TlsShutdown() {
    }

    public static void shutdownOutput(Channel ch) {
        SslHandler ssl = ch.pipeline().get(SslHandler.class);
        if (ssl == null) {
            ((DuplexChannel) ch).shutdownOutput();
            return;
        }
        ssl.closeOutbound().addListener(f -> {
            if (ch.isActive()) {
                ((DuplexChannel) ch).shutdownOutput();
            }
        });
    }
}
