package io.haven.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/** The server side of an HTTP connection: hands what the server sends to the session that owns the connection. */
final class HttpServerHandler extends ChannelInboundHandlerAdapter {
    private final ServerConnection connection;

    HttpServerHandler(ServerConnection connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        HttpSession owner = connection.owner;
        if (owner != null) {
            owner.fromServer(connection, (ByteBuf) msg);
        } else {
            ((ByteBuf) msg).release(); // an idle server has nothing to say: this connection cannot be trusted again
            ctx.close();
        }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        HttpSession owner = connection.owner;
        if (owner != null) {
            owner.flushToClient();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        HttpSession owner = connection.owner;
        if (owner != null) {
            owner.serverWritabilityChanged(connection);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        HttpSession owner = connection.owner;
        if (owner != null) {
            owner.serverClosed(connection);
        } else {
            ServerConnectionPool.closed(connection);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
