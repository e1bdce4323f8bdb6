package io.haven.check;

import io.haven.core.server.Server;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;

/**
 * What one check task works with: the server it reports to, the address it connects to, its
 * time limits, and the event loop and channel type its connections use.
 */
record CheckTarget(Server server, InetSocketAddress address, CheckTimeouts timeouts,
                   EventLoop loop, Class<? extends SocketChannel> channelClass) {

    /** The same target on another port ({@code tcp-check connect port N}). */
    InetSocketAddress addressWithPort(int port) {
        return port > 0 ? new InetSocketAddress(address.getAddress(), port) : address;
    }
}
