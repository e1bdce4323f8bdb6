package io.haven.proxy.tls;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.PendingWriteQueue;
import io.netty.handler.ssl.SniCompletionEvent;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/**
 * Holds what the relay writes to the client until the TLS handshake completed, so that nothing
 * leaves in clear text before the SNI handler chose a certificate and became an SslHandler (a
 * server that speaks first, such as MySQL's greeting, writes at once). Sits between the TLS
 * handlers and the relay; a failed handshake drops the held writes and closes the connection.
 * A successful one is recorded for the fetches ({@link ClientTlsCapture}) before the relay hears of it.
 */
final class HandshakeWriteGate extends ChannelDuplexHandler {
    private PendingWriteQueue held;
    private boolean open;
    private String sni;

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        held = new PendingWriteQueue(ctx);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (open) {
            ctx.write(msg, promise);
        } else {
            held.add(msg, promise);
        }
    }

    @Override
    public void flush(ChannelHandlerContext ctx) {
        if (open) {
            ctx.flush();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof SniCompletionEvent named) {
            sni = named.hostname();
        }
        if (evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                ClientTlsCapture.capture(ctx.channel(), ctx.pipeline().get(SslHandler.class), sni);
                open = true;
                held.removeAndWriteAll();
                ctx.flush();
                super.userEventTriggered(ctx, evt);
                ctx.pipeline().remove(this);
                return;
            }
            held.removeAndFailAll(done.cause());
            ctx.close();
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (!held.isEmpty()) {
            held.removeAndWriteAll();
        }
    }
}
