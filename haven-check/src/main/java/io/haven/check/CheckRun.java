package io.haven.check;

import io.haven.core.server.CheckResult;
import io.haven.core.server.CheckStatus;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One execution of a check: connections, received bytes, the deadline, and exactly one result.
 * Subclasses speak the protocol through the hooks; everything runs on the target's event loop,
 * so no state here needs a lock. A run never blocks: it reacts to connect, read, close and
 * timer events, and reports through {@link #finish}.
 */
abstract class CheckRun {
    private final CheckTarget target;
    private final ReceiveBuffer in;
    private final long start = now();
    private Consumer<CheckResult> listener;
    private Channel channel;
    private boolean connected;
    private boolean peerClosed;
    private boolean done;
    private ScheduledFuture<?> deadline;

    CheckRun(CheckTarget target, int receiveLimit) {
        this.target = target;
        this.in = new ReceiveBuffer(receiveLimit);
    }

    /** Starts the run; must be called on the target's event loop. */
    final void start(Consumer<CheckResult> resultListener) {
        this.listener = resultListener;
        begin();
    }

    /** Stops the run without a result (the check task was cancelled). */
    final void abort() {
        done = true;
        cancelDeadline();
        if (channel != null) {
            channel.close();
        }
    }

    // --- hooks ---------------------------------------------------------------------------------

    /** Starts the exchange, usually with {@link #connect}. */
    protected abstract void begin();

    /** The connection made by the last {@link #connect} is established. */
    protected void onConnected() {
    }

    /**
     * Bytes arrived, or the peer closed. {@code last} means nothing more will arrive: the peer
     * closed or the buffer is full. A run that neither finishes nor reconnects on a last call
     * fails with L7RSP.
     */
    protected void onReceived(ReceiveBuffer received, boolean last) {
    }

    /** The deadline passed; {@code established} tells whether the current connection was up. */
    protected CheckResult timedOut(boolean established) {
        return result(established ? CheckStatus.L7TOUT : CheckStatus.L4TOUT, 0, "");
    }

    protected CheckResult connectFailed(String reason) {
        return result(CheckStatus.L4CON, 0, reason);
    }

    /** A read or write failed on an established connection (HAProxy's SOCKERR). */
    protected CheckResult ioFailed(String reason) {
        return result(CheckStatus.SOCKERR, 0, reason);
    }

    // --- services for subclasses ---------------------------------------------------------------

    protected final CheckTarget target() {
        return target;
    }

    /** Closes any current connection, clears the received bytes and connects to {@code to}. */
    protected final void connect(InetSocketAddress to) {
        Channel old = channel;
        channel = null;
        if (old != null) {
            old.close();
        }
        connected = false;
        peerClosed = false;
        in.clear();
        arm(target.timeouts().connectDeadline(start, now()));
        ChannelFuture f = new Bootstrap()
                .group(target.loop())
                .channel(target.channelClass())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0) // the run's own deadline applies
                .handler(new Io())
                .connect(to);
        Channel c = f.channel();
        channel = c;
        f.addListener((ChannelFutureListener) cf -> {
            if (!current(c)) {
                return;
            }
            if (cf.isSuccess()) {
                connected = true;
                arm(target.timeouts().exchangeDeadline(start, now()));
                onConnected();
            } else {
                finish(connectFailed(reason(cf.cause())));
            }
        });
    }

    protected final void send(byte[] data) {
        channel.writeAndFlush(Unpooled.wrappedBuffer(data))
                .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
    }

    protected final ReceiveBuffer received() {
        return in;
    }

    protected final CheckResult result(CheckStatus status, int code, String info) {
        return new CheckResult(status, code, info, now() - start);
    }

    /** Reports the result once, and closes the connection after what was sent went out. */
    protected final void finish(CheckResult r) {
        if (done) {
            return;
        }
        done = true;
        cancelDeadline();
        Channel c = channel;
        if (c != null) {
            if (c.isActive() && c.isWritable()) {
                c.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            } else {
                c.close();
            }
        }
        listener.accept(r);
    }

    // --- internals -----------------------------------------------------------------------------

    private boolean current(Channel c) {
        return !done && c == channel;
    }

    private void dataArrived() {
        boolean last = peerClosed || in.full();
        Channel before = channel;
        onReceived(in, last);
        if (last && !done && channel == before) {
            finish(result(CheckStatus.L7RSP, 0, peerClosed ? "Connection closed by server" : "Response too large"));
        }
    }

    private void arm(long at) {
        cancelDeadline();
        deadline = target.loop().schedule(this::expire, Math.max(0, at - now()), TimeUnit.MILLISECONDS);
    }

    private void cancelDeadline() {
        if (deadline != null) {
            deadline.cancel(false);
            deadline = null;
        }
    }

    private void expire() {
        if (done) {
            return;
        }
        CheckResult r = timedOut(connected);
        Channel c = channel;
        channel = null; // a stuck peer must not delay the close
        if (c != null) {
            c.close();
        }
        finish(r);
    }

    private static long now() {
        return System.nanoTime() / 1_000_000;
    }

    /**
     * The system's words for a failure, without Netty's " : /addr:port" suffix nor the native
     * transport's "finishConnect(..) failed with error(-111): " prefix, so epoll and NIO both say
     * "Connection refused", as HAProxy does.
     */
    static String reason(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getMessage() == null) {
            root = root.getCause();
        }
        String m = root.getMessage();
        if (m == null) {
            return root.getClass().getSimpleName();
        }
        int cut = m.indexOf(": /");
        if (cut > 0) {
            m = m.substring(0, cut);
        }
        int errno = m.indexOf(" failed with error(");
        int words = errno < 0 ? -1 : m.indexOf("): ", errno);
        return words > 0 ? m.substring(words + 3) : m;
    }

    /** The per-connection handler; events of a connection the run has left are ignored. */
    private final class Io extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (current(ctx.channel()) && msg instanceof ByteBuf b) {
                    in.append(b);
                    dataArrived();
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (current(ctx.channel()) && connected) {
                peerClosed = true;
                dataArrived();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (current(ctx.channel())) {
                finish(ioFailed(reason(cause)));
            }
            ctx.close();
        }
    }
}
