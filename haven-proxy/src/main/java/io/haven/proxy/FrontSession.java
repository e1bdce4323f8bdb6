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
abstract class FrontSession implements io.haven.core.Pending {
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
    /** The session's one pending timer (queue wait, timeouts), run on {@link #loop}. */
    java.util.concurrent.ScheduledFuture<?> timer;

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

    /** The client's TLS handshake ({@code ssl_fc_*}, {@code ssl_c_*}), or null over clear text. */
    public io.haven.core.tls.ClientTls clientTls() {
        return io.haven.proxy.tls.ClientTlsCapture.of(client);
    }

    Generation generation() {
        return generation;
    }

    final void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    // --- a slot on a server, or a wait in the backend's queue ------------------------------------

    /**
     * Takes a slot on a server of {@code backend} (avoiding {@code avoid} if another can serve):
     * {@link #slotTaken} at once when one is free; else the session waits in the backend's queue
     * for {@code timeout queue} and {@link #slotTaken} runs once a slot is handed to it;
     * {@link #noSlot} when no server is usable, the queue is full or the wait timed out.
     */
    final void assignServer(io.haven.core.Backend backend, io.haven.core.server.Server avoid) {
        for (int tries = 0; tries <= backend.servers().size(); tries++) {
            io.haven.core.server.Server s = backend.pick(clientAddress.getAddress(), avoid);
            if (s == null) {
                break;
            }
            if (s.slots().tryAcquire()) {
                slotTaken(s);
                return;
            }
        }
        if (!backend.available()) {
            frontend.counters().connectErrors.increment();
            noSlot(Termination.SERVER, Termination.PHASE_CONNECT);
            return;
        }
        queued(System.nanoTime());
        queueState.set(QUEUED);
        if (!backend.enqueue(this)) {
            queueState.set(GAVE_UP);
            noSlot(Termination.RESOURCE, Termination.PHASE_QUEUE);
            return;
        }
        long wait = backend.config().timeouts().effectiveQueue();
        if (wait > 0 && queueState.get() == QUEUED) {
            queueTimer(wait, () -> {
                if (queueState.compareAndSet(QUEUED, GAVE_UP)) {
                    backend.dequeue(this);
                    noSlot(Termination.SERVER_TIMEOUT, Termination.PHASE_QUEUE);
                }
            });
        }
    }

    @Override
    public final boolean dispatch(io.haven.core.server.Server s) {
        if (!queueState.compareAndSet(QUEUED, DISPATCHED)) {
            return false;
        }
        loop.execute(() -> dispatched(s));
        return true;
    }

    /** A slot on {@code s} is this session's: connect (or reuse a connection). */
    abstract void slotTaken(io.haven.core.server.Server s);

    /** A queued session was handed a slot on {@code s} (on its event loop): use it, or release it if gone. */
    abstract void dispatched(io.haven.core.server.Server s);

    /** No slot: no usable server, a full queue or a wait that timed out. */
    abstract void noSlot(char who, char phase);

    /** The session starts waiting in the queue at {@code nanos}. */
    abstract void queued(long nanos);

    /** Runs {@code onTimeout} after {@code ms} unless the session's timer is replaced or cancelled first. */
    abstract void queueTimer(long ms, Runnable onTimeout);

    /**
     * Called from any thread when the process stops or a newer generation serves: a session
     * between two requests ends now, one in the middle of a request after its response. A TCP
     * relay has no such point and runs to its end.
     */
    void finishWhenIdle() {
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
