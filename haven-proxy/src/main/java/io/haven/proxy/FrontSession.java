package io.haven.proxy;

import io.haven.core.Frontend;
import io.haven.core.Generation;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A client connection being served, as the client handler and the proxy server see it: a TCP
 * relay ({@link TcpSession}) or an HTTP session ({@link HttpSession}), chosen by the frontend's mode.
 */
abstract class FrontSession {
    /** States of {@link #queueState}, for a session waiting in a backend queue. */
    static final int QUEUED = 1;
    static final int DISPATCHED = 2;
    static final int GAVE_UP = 3;

    final ProxyServer proxy;
    final Generation generation;
    final Frontend frontend;
    final Channel client;
    final EventLoop loop;
    final InetSocketAddress clientAddress;
    final InetSocketAddress localAddress;
    final long acceptMillis = System.currentTimeMillis();
    final long acceptNanos = System.nanoTime();
    final AtomicInteger queueState = new AtomicInteger();

    FrontSession(ProxyServer proxy, Generation generation, Frontend frontend, Channel client) {
        this.proxy = proxy;
        this.generation = generation;
        this.frontend = frontend;
        this.client = client;
        this.loop = client.eventLoop();
        this.clientAddress = (InetSocketAddress) client.remoteAddress();
        this.localAddress = (InetSocketAddress) client.localAddress();
    }

    public Frontend frontend() {
        return frontend;
    }

    Generation generation() {
        return generation;
    }

    abstract void start();

    abstract void fromClient(ByteBuf buf);

    abstract void flushToServer();

    abstract void clientWritabilityChanged();

    abstract void clientInputShutdown();

    abstract void clientClosed();

    abstract void clientError(Throwable cause);

    /** Ends the session because the process says so (hard-stop-after, stop). */
    abstract void kill();
}
