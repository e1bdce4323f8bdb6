package io.haven.proxy;

import io.haven.config.model.RetryOn;
import io.haven.config.model.Timeouts;
import io.haven.core.Backend;
import io.haven.core.Frontend;
import io.haven.core.Generation;
import io.haven.core.acl.SampleContext;
import io.haven.core.log.LogLevel;
import io.haven.core.server.Server;
import io.haven.core.server.Session;
import io.haven.proxy.tls.ServerTls;
import io.haven.proxy.tls.TlsShutdown;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;

/**
 * One proxied TCP connection, from accept to the log line. Everything runs on the client
 * channel's event loop (the server channel is registered on the same loop); only
 * {@link #dispatch} and {@link #shutdown}, called from other threads, hop onto it first.
 *
 * <p>Phases: choose a backend (switching rules), get a server slot from the balancer or wait in
 * the backend queue, connect (with retries and redispatch), relay in both directions with
 * back-pressure and half-close, then close both sides, free the slot and log.
 */
final class TcpSession extends FrontSession implements Session, SampleContext {


    private Backend backend;
    private Timeouts timeouts;
    private Server server;
    private boolean slotHeld;
    private Channel serverChannel;
    private long queueNanos = -1;
    private long connectStartNanos;
    private long connectedNanos = -1;
    private int retriesLeft;
    private int retries;
    private boolean redispatched;
    private long bytesIn;
    private long bytesOut;
    private char term1 = Termination.NONE;
    private char term2 = Termination.NONE;
    private boolean clientInputShut;
    private boolean serverInputShut;
    private boolean clientOutputShut;
    private boolean serverOutputShut;
    private boolean closing;
    private boolean finished;
    private long lastClientNanos;
    private long lastServerNanos;
    /** What the client sent before the server connection was up (epoll reads on RDHUP even with autoRead off). */
    private java.util.ArrayDeque<ByteBuf> early;
    private int beconnAtEnd;
    private int srvconnAtEnd;

    TcpSession(ProxyServer proxy, Generation generation, Frontend frontend, Channel client) {
        super(proxy, generation, frontend, client);
    }

    // --- SampleContext -----------------------------------------------------------------------

    @Override
    public InetAddress src() {
        return clientAddress.getAddress();
    }

    @Override
    public int srcPort() {
        return clientAddress.getPort();
    }

    @Override
    public InetAddress dst() {
        return localAddress.getAddress();
    }

    @Override
    public int dstPort() {
        return localAddress.getPort();
    }

    @Override
    public Backend backend() {
        return backend != null ? backend : frontend.defaultBackend();
    }

    // --- accept, backend choice, queue -------------------------------------------------------

    void start() {
        frontend.counters().open();
        proxy.opened(this);
        if (frontend.log().enabled() && !frontend.config().tcpLog()) {
            frontend.log().emit(LogLevel.INFO, TcpLog.connect(clientAddress.getAddress().getHostAddress(),
                    clientAddress.getPort(), localAddress.getAddress().getHostAddress(), localAddress.getPort(),
                    frontend.name()));
        }
        io.haven.core.tcp.TcpService service = frontend.tcpServices().service(this);
        if (service != null) {
            ServiceHandler.serve(this, client, service); // tcp-request content use-service: no server
            return;
        }
        backend = frontend.selectBackend(this);
        if (backend == null) {
            close(Termination.PROXY, Termination.PHASE_REQUEST);
            return;
        }
        timeouts = backend.config().timeouts();
        backend.counters().open();
        retriesLeft = backend.config().retries();
        assignServer(backend, null);
    }

    @Override
    void slotTaken(Server s) {
        connect(s);
    }

    @Override
    void noSlot(char who, char phase) {
        close(who, phase);
    }

    @Override
    void queued(long nanos) {
        queueNanos = nanos;
    }

    @Override
    void queueTimer(long ms, Runnable onTimeout) {
        timer = loop.schedule(onTimeout, ms, TimeUnit.MILLISECONDS);
    }

    @Override
    void dispatched(Server s) {
        cancelTimer();
        if (closing) {
            s.slots().release();
            return;
        }
        connect(s);
    }

    // --- connect, retries, redispatch --------------------------------------------------------

    private void connect(Server s) {
        server = s;
        slotHeld = true;
        connectStartNanos = System.nanoTime();
        int connectTimeout = (int) Math.min(Integer.MAX_VALUE, timeouts.connect());
        Bootstrap b = new Bootstrap()
                .group(loop)
                .channel(proxy.transport().socketChannel())
                .option(ChannelOption.AUTO_READ, false)
                .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, ProxyServer.WATER_MARK)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeout)
                .handler(ServerTls.wrap(s, ServerTls.sni(s, this), new ServerHandler(this)));
        ChannelFuture f = b.connect(s.address());
        serverChannel = f.channel();
        ServerTls.ready(s, f).addListener((ChannelFutureListener) this::connectDone);
    }

    private void connectDone(ChannelFuture f) {
        if (closing) {
            f.channel().close();
            return;
        }
        if (f.isSuccess()) {
            connected();
            return;
        }
        Throwable cause = f.cause();
        boolean timedOut = cause instanceof ConnectTimeoutException;
        server.counters().connectErrors.increment();
        backend.counters().connectErrors.increment();
        if (retriesLeft <= 0 || !backend.config().retryOn().contains(RetryOn.CONN_FAILURE)) {
            close(timedOut ? Termination.SERVER_TIMEOUT : Termination.SERVER, Termination.PHASE_CONNECT);
            return;
        }
        scheduleRetry(timedOut);
    }

    /**
     * {@code retry-on empty-response}: the server closed before a single byte went either way
     * (a replica killed between accept and its greeting), so the connection can be replayed
     * elsewhere as if the connect had failed. Not once the client sent something or the server
     * answered: nothing is replayed that a server may have acted on.
     */
    private boolean retriedEmptyResponse(Channel ch) {
        if (closing || ch != serverChannel || connectedNanos < 0 || bytesIn != 0 || bytesOut != 0 || clientInputShut
                || retriesLeft <= 0 || !backend.config().retryOn().contains(RetryOn.EMPTY_RESPONSE)) {
            return false;
        }
        cancelTimer();
        server.slots().detach(this);
        server.counters().responseErrors.increment();
        backend.counters().responseErrors.increment();
        connectedNanos = -1;
        client.config().setAutoRead(false);
        ch.close();
        scheduleRetry(false);
        return true;
    }

    private void scheduleRetry(boolean timedOut) {
        retriesLeft--;
        retries++;
        server.counters().retries.increment();
        backend.counters().retries.increment();
        boolean redispatch = redispatchesNow();
        // HAProxy waits min(timeout connect, 1s) before retrying a refused server, not after a
        // timeout; a retry that goes to another server has no reason to wait for this one
        long delay = timedOut || redispatch ? 0 : Math.min(timeouts.connect() > 0 ? timeouts.connect() : 1000, 1000);
        loop.schedule(() -> retry(redispatch), delay, TimeUnit.MILLISECONDS);
    }

    /**
     * Whether the retry about to run goes to another server: {@code option redispatch N} with
     * N &gt; 0 every Nth retry, N &lt; 0 on the Nth retry before the last; always when the failed
     * server is no longer usable. Only when another server can take the connection.
     */
    private boolean redispatchesNow() {
        if (!backend.config().redispatch() || backend.usableServers() < (server.usable() ? 2 : 1)) {
            return false;
        }
        int n = backend.config().redispatchInterval();
        boolean scheduled = n > 0 ? retries % n == 0 : retriesLeft == -n - 1;
        return scheduled || !server.usable();
    }

    private void retry(boolean redispatch) {
        if (closing) {
            return;
        }
        if (redispatch) {
            Server failed = server;
            releaseSlot(false);
            redispatched = true;
            failed.counters().redispatches.increment();
            backend.counters().redispatches.increment();
            assignServer(backend, failed);
        } else {
            connect(server);
        }
    }

    private void connected() {
        connectedNanos = System.nanoTime();
        lastClientNanos = connectedNanos;
        lastServerNanos = connectedNanos;
        server.counters().total.increment();
        server.counters().sessionRate.increment();
        backend.counters().balanced.increment();
        server.slots().attach(this);
        if (early != null) {
            ByteBuf b;
            while ((b = early.poll()) != null) {
                serverChannel.write(b, serverChannel.voidPromise());
            }
            early = null;
            serverChannel.flush();
        }
        if (clientInputShut) {
            forwardShutdown(serverChannel, true);
        } else {
            client.config().setAutoRead(true);
        }
        serverChannel.config().setAutoRead(true);
        scheduleIdleCheck(idleTimeout());
    }

    // --- relay -------------------------------------------------------------------------------

    void fromClient(ByteBuf buf) {
        int n = buf.readableBytes();
        bytesIn += n;
        if (connectedNanos < 0) {
            if (closing) {
                buf.release();
                return;
            }
            if (early == null) {
                early = new java.util.ArrayDeque<>(2);
            }
            early.add(buf);
            client.config().setAutoRead(false);
            return;
        }
        lastClientNanos = lastServerNanos = System.nanoTime();
        serverChannel.write(buf, serverChannel.voidPromise());
        if (!serverChannel.isWritable()) {
            client.config().setAutoRead(false);
        }
    }

    void fromServer(ByteBuf buf) {
        int n = buf.readableBytes();
        bytesOut += n;
        lastClientNanos = lastServerNanos = System.nanoTime();
        client.write(buf, client.voidPromise());
        if (!client.isWritable()) {
            serverChannel.config().setAutoRead(false);
        }
    }

    void flushToServer() {
        if (serverChannel != null && connectedNanos >= 0) {
            serverChannel.flush();
        }
    }

    void flushToClient() {
        client.flush();
    }

    void clientWritabilityChanged() {
        if (connectedNanos >= 0 && client.isWritable() && !serverInputShut) {
            serverChannel.config().setAutoRead(true);
        }
    }

    void serverWritabilityChanged() {
        if (connectedNanos >= 0 && serverChannel.isWritable() && !clientInputShut) {
            client.config().setAutoRead(true);
        }
    }

    void clientInputShutdown() {
        clientInputShut = true;
        if (connectedNanos < 0) {
            return; // forwarded once the server connection is up
        }
        forwardShutdown(serverChannel, true);
    }

    void serverInputShutdown(Channel ch) {
        if (ch != serverChannel || retriedEmptyResponse(ch)) {
            return;
        }
        serverInputShut = true;
        forwardShutdown(client, false);
    }

    /**
     * One direction is finished: once everything queued towards {@code to} is written, shut its
     * output; when both directions are done, close both. Closing earlier would drop queued data.
     */
    private void forwardShutdown(Channel to, boolean towardsServer) {
        scheduleIdleCheck(idleTimeout());
        to.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
            if (towardsServer) {
                serverOutputShut = true;
            } else {
                clientOutputShut = true;
            }
            if (clientOutputShut && serverOutputShut) {
                close(Termination.NONE, Termination.NONE);
            } else if (to.isActive()) {
                TlsShutdown.shutdownOutput(to);
            }
        });
    }

    void clientClosed() {
        if (!closing) {
            boolean normal = clientOutputShut && serverOutputShut;
            close(normal ? Termination.NONE : Termination.CLIENT, normal ? Termination.NONE : phase());
        } else {
            maybeFinish();
        }
    }

    void clientError(Throwable cause) {
        close(Termination.CLIENT, phase());
    }

    void serverClosed(Channel ch) {
        if (ch != serverChannel) {
            return; // a failed connect attempt that was already handled
        }
        if (retriedEmptyResponse(ch)) {
            return;
        }
        if (!closing && connectedNanos >= 0) {
            boolean normal = clientOutputShut && serverOutputShut;
            close(normal ? Termination.NONE : Termination.SERVER, normal ? Termination.NONE : phase());
        } else {
            maybeFinish();
        }
    }

    void serverError(Channel ch, Throwable cause) {
        if (retriedEmptyResponse(ch)) {
            return;
        }
        if (ch == serverChannel && connectedNanos >= 0) {
            backend.counters().responseErrors.increment();
            server.counters().responseErrors.increment();
            close(Termination.SERVER, phase());
        }
    }

    private char phase() {
        if (connectedNanos < 0) {
            return queueState.get() == QUEUED ? Termination.PHASE_QUEUE : Termination.PHASE_CONNECT;
        }
        return clientInputShut || serverInputShut ? Termination.PHASE_LAST : Termination.PHASE_DATA;
    }

    // --- timeouts ----------------------------------------------------------------------------

    /** The shortest inactivity timeout that applies now, 0 if none. */
    private long idleTimeout() {
        if (timeouts == null) {
            return 0;
        }
        if (timeouts.tunnel() > 0) {
            return timeouts.tunnel();
        }
        long c = clientSideTimeout();
        long s = serverSideTimeout();
        if (c == 0) {
            return s;
        }
        return s == 0 ? c : Math.min(c, s);
    }

    private long clientSideTimeout() {
        Timeouts ft = frontend.config().timeouts();
        return clientInputShut || serverInputShut ? ft.effectiveClientFin() : ft.client();
    }

    private long serverSideTimeout() {
        return clientInputShut || serverInputShut ? timeouts.effectiveServerFin() : timeouts.server();
    }

    private void scheduleIdleCheck(long afterMs) {
        cancelTimer();
        if (afterMs > 0 && !closing) {
            timer = loop.schedule(this::idleCheck, afterMs, TimeUnit.MILLISECONDS);
        }
    }

    private void idleCheck() {
        timer = null;
        if (closing) {
            return;
        }
        long now = System.nanoTime();
        long tunnel = timeouts.tunnel();
        if (tunnel > 0) {
            long idle = TimeUnit.NANOSECONDS.toMillis(now - Math.max(lastClientNanos, lastServerNanos));
            if (idle >= tunnel) {
                close(Termination.CLIENT_TIMEOUT, phase());
            } else {
                scheduleIdleCheck(tunnel - idle);
            }
            return;
        }
        long ct = clientSideTimeout();
        long st = serverSideTimeout();
        long clientIdle = TimeUnit.NANOSECONDS.toMillis(now - lastClientNanos);
        long serverIdle = TimeUnit.NANOSECONDS.toMillis(now - lastServerNanos);
        if (ct > 0 && clientIdle >= ct) {
            close(Termination.CLIENT_TIMEOUT, phase());
        } else if (st > 0 && serverIdle >= st) {
            close(Termination.SERVER_TIMEOUT, phase());
        } else {
            long next = Long.MAX_VALUE;
            if (ct > 0) {
                next = ct - clientIdle;
            }
            if (st > 0) {
                next = Math.min(next, st - serverIdle);
            }
            scheduleIdleCheck(next);
        }
    }

    // --- end ---------------------------------------------------------------------------------

    /** Shuts the session from any thread: on-marked-down shutdown-sessions, hard-stop-after, admin. */
    @Override
    public void shutdown(String reason) {
        loop.execute(() -> close(Termination.DOWN, phase()));
    }

    /** Ends a session killed by the process (hard-stop-after, stop). */
    void kill() {
        loop.execute(() -> close(Termination.KILLED, phase()));
    }

    /** The service that served this connection ended (see {@link ServiceHandler}): count and log it. */
    void serviceEnded(long in, long out) {
        bytesIn += in;
        bytesOut += out;
        if (closing) {
            maybeFinish();
        } else {
            close(Termination.NONE, Termination.NONE);
        }
    }

    private void close(char who, char phase) {
        if (closing) {
            return;
        }
        closing = true;
        term1 = who;
        term2 = phase;
        cancelTimer();
        if (queueState.compareAndSet(QUEUED, GAVE_UP)) {
            backend.dequeue(this);
        }
        if (early != null) {
            early.forEach(ByteBuf::release);
            early = null;
        }
        if (serverChannel != null) {
            serverChannel.close();
        }
        byte[] refusal = refusal(who, phase);
        if (refusal != null) {
            bytesOut += refusal.length;
            client.writeAndFlush(Unpooled.wrappedBuffer(refusal)).addListener(ChannelFutureListener.CLOSE);
        } else {
            client.close();
        }
        maybeFinish();
    }

    /** The backend's refusal, for a client that no server took (none up, queue full or timed out, connects failed). */
    private byte[] refusal(char who, char phase) {
        boolean noServer = (who == Termination.SERVER || who == Termination.SERVER_TIMEOUT || who == Termination.RESOURCE)
                && (phase == Termination.PHASE_CONNECT || phase == Termination.PHASE_QUEUE);
        return noServer && backend != null && bytesOut == 0 && client.isActive() ? backend.refusal() : null;
    }

    private void maybeFinish() {
        if (finished || !closing || client.isOpen() || (serverChannel != null && serverChannel.isOpen())) {
            return;
        }
        finished = true;
        long end = System.nanoTime();
        srvconnAtEnd = server != null ? server.counters().current.get() : 0;
        beconnAtEnd = backend != null ? backend.counters().current.get() : 0;
        if (server != null) {
            server.slots().detach(this);
            server.counters().bytesIn.add(bytesIn);
            server.counters().bytesOut.add(bytesOut);
        }
        if (backend != null) {
            backend.counters().bytesIn.add(bytesIn);
            backend.counters().bytesOut.add(bytesOut);
            backend.counters().close();
        }
        frontend.counters().bytesIn.add(bytesIn);
        frontend.counters().bytesOut.add(bytesOut);
        releaseSlot(true);
        int actconn = proxy.actconn();
        int feconn = frontend.counters().current.get();
        frontend.counters().close();
        proxy.closed(this);
        log(end, actconn, feconn);
    }

    private void releaseSlot(boolean serveQueue) {
        if (slotHeld) {
            slotHeld = false;
            if (serveQueue) {
                server.slots().release();
            } else {
                server.slots().releaseUnused();
            }
        }
    }

    private void log(long endNanos, int actconn, int feconn) {
        if (!frontend.log().enabled() || !frontend.config().tcpLog()) {
            return;
        }
        if (frontend.config().dontLogNull() && bytesIn == 0 && bytesOut == 0) {
            return;
        }
        long tw = queueNanos < 0 ? 0 : ms((connectStartNanos > 0 ? connectStartNanos : endNanos) - queueNanos);
        long tc = connectedNanos < 0 ? -1 : ms(connectedNanos - connectStartNanos);
        if (connectedNanos < 0 && server == null) {
            tw = queueNanos < 0 ? -1 : tw;
        }
        String be = backend != null ? backend.name() : frontend.name();
        String srv = server != null ? server.name() : "<NOSRV>";
        frontend.log().emit(LogLevel.INFO, TcpLog.format(new TcpLog.Entry(
                clientAddress.getAddress().getHostAddress(), clientAddress.getPort(), acceptMillis,
                frontend.name(), be, srv, tw, tc, ms(endNanos - acceptNanos), bytesOut, term1, term2,
                actconn, feconn, beconnAtEnd, srvconnAtEnd, retries, redispatched, 0, 0)));
    }

    private static long ms(long nanos) {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
}
