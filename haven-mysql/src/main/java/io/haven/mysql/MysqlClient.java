package io.haven.mysql;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens {@link MysqlConnection}s: TCP connect on the caller's event loop, the server's greeting,
 * authentication, all within one deadline. No thread is blocked at any point.
 */
public final class MysqlClient {

    private MysqlClient() {
    }

    /**
     * Connects, reads the greeting and authenticates. The future completes on {@code loop} with an
     * open connection, or fails with a {@link MysqlException} (the server refused: 1045 access
     * denied, 1049 unknown database, 1040 too many connections ..., or 2059 for an authentication
     * plugin this client does not speak), an {@link java.io.IOException} (connection refused or
     * reset, malformed handshake), or a {@link TimeoutException} when it all took longer than
     * {@code timeout}.
     *
     * @param timeout the deadline of the whole connect, and the default timeout of every command
     *     on the connection
     */
    public static CompletableFuture<MysqlConnection> connect(EventLoop loop, Class<? extends SocketChannel> channelClass,
            InetSocketAddress address, MysqlCredentials credentials, Duration timeout) {
        Objects.requireNonNull(address, "address");
        checkArguments(credentials, timeout);
        CompletableFuture<MysqlConnection> result = new CompletableFuture<>();
        ChannelFuture connect = new Bootstrap()
                .group(loop)
                .channel(channelClass)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0) // our deadline covers the connect
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        install(ch, credentials, timeout, result, address.toString());
                    }
                })
                .connect(address);
        connect.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(f.cause());
                f.channel().close();
            }
        });
        return result;
    }

    /**
     * Puts the codec on a channel that is (or will be) connected to a server that has not yet
     * sent its greeting, and arms the connect deadline. Used by {@link #connect}, and by tests on
     * an {@link io.netty.channel.embedded.EmbeddedChannel}.
     */
    static CompletableFuture<MysqlConnection> attach(Channel channel, MysqlCredentials credentials, Duration timeout) {
        checkArguments(credentials, timeout);
        CompletableFuture<MysqlConnection> result = new CompletableFuture<>();
        install(channel, credentials, timeout, result, String.valueOf(channel.remoteAddress()));
        return result;
    }

    private static void install(Channel channel, MysqlCredentials credentials, Duration timeout,
            CompletableFuture<MysqlConnection> result, String peer) {
        channel.pipeline().addLast("mysql-packets", new PacketDecoder());
        channel.pipeline().addLast("mysql-auth", new AuthHandler(credentials, timeout, result));
        ScheduledFuture<?> deadline = channel.eventLoop().schedule(() -> {
            if (result.completeExceptionally(new TimeoutException(
                    "no MySQL session with " + peer + " within " + timeout.toMillis() + " ms"))) {
                channel.close();
            }
        }, timeout.toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((c, e) -> deadline.cancel(false));
    }

    private static void checkArguments(MysqlCredentials credentials, Duration timeout) {
        Objects.requireNonNull(credentials, "credentials");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }
}
