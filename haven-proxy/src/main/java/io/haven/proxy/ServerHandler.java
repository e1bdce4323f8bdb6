package io.haven.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;

/** The server side of a relayed connection: forwards what the server sends back to the client. */
final class ServerHandler extends ChannelInboundHandlerAdapter {
    private final TcpSession session;

    ServerHandler(TcpSession session) {
        this.session = session;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        session.fromServer((ByteBuf) msg);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        session.flushToClient();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        session.serverWritabilityChanged();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            session.serverInputShutdown(ctx.channel());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        session.serverClosed(ctx.channel());
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        session.serverError(ctx.channel(), cause);
    }
}
