package io.haven.proxy;

import io.haven.proxy.tls.TlsTermination;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;

/** The client side of a proxied connection: starts the session (TCP or HTTP) and hands it what the client sends. */
final class ClientHandler extends ChannelInboundHandlerAdapter {
    private final ProxyServer proxy;
    private final Listener listener;
    private FrontSession session;

    ClientHandler(ProxyServer proxy, Listener listener) {
        this.proxy = proxy;
        this.listener = listener;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        if (TlsTermination.installed(ctx.pipeline())) {
            ctx.read(); // the session, and its server connection, wait for the TLS handshake
            return;
        }
        start(ctx);
    }

    private void start(ChannelHandlerContext ctx) {
        io.haven.core.Frontend f = listener.frontend();
        session = f.config().mode() == io.haven.config.model.ProxyMode.HTTP
                ? new HttpSession(proxy, listener.generation(), f, ctx.channel())
                : new TcpSession(proxy, listener.generation(), f, ctx.channel());
        session.start();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (session == null) {
            start(ctx); // decrypted bytes: the handshake is done
        }
        session.fromClient((ByteBuf) msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (session != null) {
            session.flushToServer();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (session != null) {
            session.clientWritabilityChanged();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof SslHandshakeCompletionEvent done && session == null) {
            if (done.isSuccess()) {
                start(ctx);
            } else {
                ctx.close();
            }
        } else if (evt instanceof ChannelInputShutdownEvent && session != null) {
            session.clientInputShutdown();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (session != null) {
            session.clientClosed();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (session != null) {
            session.clientError(cause);
        } else {
            ctx.close();
        }
    }
}
