package io.haven.proxy;

import io.haven.core.Frontend;
import io.haven.core.Generation;
import io.haven.proxy.tls.TlsTermination;
import io.netty.channel.Channel;

/**
 * One bound address. It outlives generations: a reload that keeps the address only points the
 * listener at the new frontend, so the socket is never closed and no connection is refused. Its
 * TLS certificates are the generation's too: each reload reads them again.
 */
final class Listener {
    private final String address;
    private final Channel channel;
    private volatile Frontend frontend;
    private volatile Generation generation;
    private volatile TlsTermination tls;
    /** A listener is bound with autoRead off, so it starts paused until the first pause decision. */
    private volatile boolean paused = true;

    Listener(String address, Channel channel) {
        this.address = address;
        this.channel = channel;
    }

    String address() {
        return address;
    }

    Channel channel() {
        return channel;
    }

    Frontend frontend() {
        return frontend;
    }

    Generation generation() {
        return generation;
    }

    /** Points new connections at {@code f}, terminating TLS with {@code tls} (null for clear text). */
    void serve(Generation g, Frontend f, TlsTermination tls) {
        this.tls = tls;
        generation = g;
        frontend = f;
    }

    TlsTermination tls() {
        return tls;
    }

    /** Stops or resumes accepting (maxconn reached or relieved); pending clients wait in the kernel's backlog. */
    void setPaused(boolean pause) {
        if (paused != pause) {
            paused = pause;
            channel.config().setAutoRead(!pause);
        }
    }

    boolean paused() {
        return paused;
    }

    void close() {
        channel.close().syncUninterruptibly();
    }
}
