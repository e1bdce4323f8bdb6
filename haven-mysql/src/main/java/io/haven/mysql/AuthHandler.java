package io.haven.mysql;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The connection phase: reads the greeting, answers it, runs the {@link Authenticator} until the
 * server's OK, then hands the channel to a {@link CommandHandler} (which completes
 * {@code result}) and leaves the pipeline. An ERR packet fails {@code result} with the server's
 * {@link MysqlException}; anything else that goes wrong with an {@link IOException}.
 */
final class AuthHandler extends ChannelInboundHandlerAdapter {
    private final MysqlCredentials credentials;
    private final Duration timeout;
    private final CompletableFuture<MysqlConnection> result;
    private final Authenticator authenticator;
    private Handshake greeting;

    AuthHandler(MysqlCredentials credentials, Duration timeout, CompletableFuture<MysqlConnection> result) {
        this.credentials = credentials;
        this.timeout = timeout;
        this.result = result;
        this.authenticator = new Authenticator(credentials);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Packet packet = (Packet) msg;
        try {
            if (!result.isDone()) {
                read(ctx, packet);
            }
        } catch (MysqlException e) {
            fail(ctx, e);
        } catch (MalformedPacketException e) {
            fail(ctx, e.toIOException());
        } catch (RuntimeException e) {
            fail(ctx, new IOException("cannot read the server's handshake: " + e, e));
        } finally {
            packet.payload().release();
        }
    }

    private void read(ChannelHandlerContext ctx, Packet packet) throws MysqlException {
        if (ServerResponses.isErr(packet)) {
            // e.g. 1040 too many connections, 1129 host blocked: sent instead of a greeting
            throw ServerResponses.error(packet.payload());
        }
        AuthStep step;
        if (greeting == null) {
            greeting = Handshake.parse(packet.payload());
            step = AuthStep.send(authenticator.start(greeting));
        } else {
            step = authenticator.onPacket(packet);
        }
        if (step.reply() != null) {
            int seq = (packet.sequenceId() + 1) & 0xff;
            ctx.writeAndFlush(PacketWriter.frame(ctx.alloc(), seq, step.reply())).addListener((ChannelFutureListener) f -> {
                if (!f.isSuccess()) {
                    fail(ctx, new IOException("could not send the authentication response: " + f.cause(), f.cause()));
                }
            });
        }
        if (step.done()) {
            CommandHandler connection = new CommandHandler(ctx.channel(), greeting, timeout);
            ctx.pipeline().replace(this, "mysql-commands", connection);
            if (!result.complete(connection)) {
                connection.close();
            }
        }
    }

    private void fail(ChannelHandlerContext ctx, Exception e) {
        if (result.completeExceptionally(e)) {
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        fail(ctx, new IOException("connection closed by the server during "
                + (greeting == null ? "the greeting" : "authentication as '" + credentials.user() + "' with " + authenticator.plugin())));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, CommandHandler.toIOException(cause));
        ctx.close();
    }
}
