package io.haven.proxy;

import io.haven.core.acl.SampleContext;
import io.haven.core.tcp.TcpApplet;
import io.haven.core.tcp.TcpConnection;
import io.haven.core.tcp.TcpService;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A client connection served by a {@link TcpService} ({@code tcp-request content use-service})
 * instead of a server: it takes the client handler's place in the pipeline, hands the applet
 * what the client sends and writes what the applet sends. The session still counts and logs
 * the connection, with no server.
 */
final class ServiceHandler extends ChannelInboundHandlerAdapter implements TcpConnection {
    private final TcpSession session;
    private final Channel client;
    private TcpApplet applet;
    private long bytesIn;
    private long bytesOut;
    private boolean ended;

    private ServiceHandler(TcpSession session, Channel client) {
        this.session = session;
        this.client = client;
    }

    /** Hands the connection to {@code service}; called on the client's loop as the session starts. */
    static void serve(TcpSession session, Channel client, TcpService service) {
        ServiceHandler h = new ServiceHandler(session, client);
        client.pipeline().replace(ClientHandler.class, "service", h);
        h.applet = service.open(h);
        client.config().setAutoRead(true);
    }

    @Override
    public SampleContext sample() {
        return session;
    }

    @Override
    public ScheduledExecutorService loop() {
        return client.eventLoop();
    }

    @Override
    public void write(byte[] data) {
        bytesOut += data.length;
        client.writeAndFlush(Unpooled.wrappedBuffer(data), client.voidPromise());
    }

    @Override
    public void close() {
        client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            bytesIn += buf.readableBytes();
            applet.received(ByteBufUtil.getBytes(buf));
        } finally {
            buf.release();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent) {
            applet.inputClosed();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!ended) {
            ended = true;
            applet.closed();
            session.serviceEnded(bytesIn, bytesOut);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
