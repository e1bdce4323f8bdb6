package io.haven.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The proxy relies on Netty's socket defaults instead of setting them per connection. */
class TransportTest {
    @Test
    void acceptedAndConnectedSocketsHaveTcpNoDelayWithoutAskingForIt() throws Exception {
        try (Transport transport = new Transport(1)) {
            CompletableFuture<Channel> accepted = new CompletableFuture<>();
            Channel listener = new ServerBootstrap().group(transport.group()).channel(transport.serverChannel())
                    .childHandler(new ChannelInitializer<>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            accepted.complete(ch);
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
            try {
                Channel connected = new Bootstrap().group(transport.group()).channel(transport.socketChannel())
                        .handler(new ChannelInboundHandlerAdapter())
                        .connect(listener.localAddress()).sync().channel();
                Channel child = accepted.get(10, TimeUnit.SECONDS);
                assertThat(connected.config().getOption(ChannelOption.TCP_NODELAY)).isTrue();
                assertThat(child.config().getOption(ChannelOption.TCP_NODELAY)).isTrue();
                connected.close().sync();
            } finally {
                listener.close().sync();
            }
        }
    }
}
