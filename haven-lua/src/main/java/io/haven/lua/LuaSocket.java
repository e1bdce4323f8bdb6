package io.haven.lua;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import party.iroiro.luajava.Lua;

/**
 * The Java half of HAProxy's {@code Socket} class ({@code core.tcp()}): a non-blocking Netty
 * connection on the calling coroutine's event loop. Every operation that must wait (connect,
 * receive, the flush of a send) parks the coroutine and returns nothing; core.lua yields and asks
 * again once woken. Results follow LuaSocket: a value, or nil and 'closed', 'timeout' or a
 * reason (and the partial data for receive).
 */
final class LuaSocket extends ChannelInboundHandlerAdapter {
    private final LuaState state;
    private final ByteArrayOutputStream input = new ByteArrayOutputStream();
    private Channel channel;
    private ChannelFuture connecting;
    /** With connect_ssl: the TLS handshake, which follows the TCP connection. */
    private io.netty.util.concurrent.Future<Channel> handshake;
    private boolean eof;
    private boolean closed;
    private long timeoutMs;
    private Coroutine waiter;
    private int token;
    private boolean timedOut;
    private io.netty.util.concurrent.ScheduledFuture<?> timer;

    private LuaSocket(LuaState state) {
        this.state = state;
    }

    static void install(LuaState s) {
        s.function("sock_new", l -> {
            l.push(s.handle(new LuaSocket(s)));
            return 1;
        });
        s.function("sock_settimeout", l -> {
            sock(s, l).timeoutMs = (long) (Args.number(l, 2, "settimeout") * 1000);
            return 0;
        });
        s.function("sock_connect", l -> sock(s, l).connect(l));
        s.function("sock_send", l -> sock(s, l).send(l));
        s.function("sock_receive", l -> sock(s, l).receive(l));
        s.function("sock_name", l -> sock(s, l).name(l, l.toBoolean(2)));
        s.function("sock_close", l -> {
            LuaSocket so = sock(s, l);
            so.close();
            s.release(l.toInteger(1));
            l.push(1);
            return 1;
        });
    }

    private static LuaSocket sock(LuaState s, Lua l) {
        return s.handle(l.toInteger(1), LuaSocket.class);
    }

    private Coroutine caller() {
        Coroutine c = state.current();
        if (c == null) {
            throw new ScriptError("sockets can only be used by tasks, actions and services (not in the body or init context)");
        }
        return c;
    }

    private int connect(Lua l) {
        Coroutine c = caller();
        if (connecting == null) {
            String host = Args.string(l, 2, "connect");
            int port;
            if (l.isNoneOrNil(3)) {
                int colon = host.lastIndexOf(':');
                if (colon < 0) {
                    throw ScriptError.badArgument(2, "connect", "the address needs a port, as ADDR:PORT or a second argument");
                }
                port = Integer.parseInt(host.substring(colon + 1));
                host = host.substring(0, colon);
            } else {
                port = (int) Args.integer(l, 3, "connect");
            }
            if (host.startsWith("ipv4@") || host.startsWith("ipv6@")) {
                host = host.substring(5);
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            EventLoop loop = (EventLoop) c.loop();
            io.netty.handler.ssl.SslHandler tls = l.toBoolean(4) ? LuaTls.client(host, port) : null;
            connecting = new Bootstrap().group(loop).channel(state.runtime().host().socketChannel())
                    .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) (timeoutMs > 0 ? timeoutMs : 30_000))
                    .handler(tls == null ? this : new io.netty.channel.ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(tls, LuaSocket.this);
                        }
                    })
                    .connect(new InetSocketAddress(host, port));
            channel = connecting.channel();
            connecting.addListener(f -> wake());
            if (tls != null) {
                handshake = tls.handshakeFuture();
                handshake.addListener(f -> wake());
            }
        }
        if (!connecting.isDone() || (connecting.isSuccess() && handshake != null && !handshake.isDone())) {
            return park(c);
        }
        cancelTimer();
        if (connecting.isSuccess() && (handshake == null || handshake.isSuccess())) {
            l.push(1);
            return 1;
        }
        l.pushNil();
        Throwable t = connecting.isSuccess() ? handshake.cause() : connecting.cause();
        String what = connecting.isSuccess() ? "TLS handshake failed: " : "connection failed: ";
        l.push(timedOut ? "timeout" : what + (t == null ? "cancelled" : t.getMessage()));
        if (connecting.isSuccess()) {
            channel.close();
        }
        return 2;
    }

    private int send(Lua l) {
        ByteBuffer b = l.toBuffer(2);
        if (b == null) {
            throw ScriptError.badArgument(1, "send", "string expected, got " + Args.typeName(l, 2));
        }
        int len = b.remaining();
        int i = l.isNoneOrNil(3) ? 1 : (int) l.toInteger(3);
        int j = l.isNoneOrNil(4) ? len : (int) l.toInteger(4);
        i = i < 0 ? Math.max(1, len + i + 1) : Math.max(1, i);
        j = j < 0 ? len + j + 1 : Math.min(j, len);
        if (closed || channel == null || !channel.isActive()) {
            l.pushNil();
            l.push("closed");
            l.push(i - 1);
            return 3;
        }
        if (j >= i) {
            byte[] data = new byte[j - i + 1];
            b.position(i - 1);
            b.get(data);
            channel.writeAndFlush(Unpooled.wrappedBuffer(data), channel.voidPromise());
        }
        l.push(Math.max(j, i - 1));
        return 1;
    }

    private int receive(Lua l) {
        Coroutine c = caller();
        String pattern = l.isNoneOrNil(2) ? "*l" : l.isNumber(2) ? null : l.toString(2);
        long count = pattern == null ? Args.integer(l, 2, "receive") : -1;
        String prefix = l.isNoneOrNil(3) ? "" : l.toString(3);
        byte[] buf = input.toByteArray();
        byte[] result = null;
        if (pattern == null) {
            if (buf.length >= count) {
                result = take((int) count, (int) count);
            }
        } else if (pattern.startsWith("*l")) {
            for (int k = 0; k < buf.length; k++) {
                if (buf[k] == '\n') {
                    result = stripCr(take(k, k + 1));
                    break;
                }
            }
        } else if (pattern.startsWith("*a")) {
            if (eof) {
                result = take(buf.length, buf.length);
            }
        } else {
            throw ScriptError.badArgument(1, "receive", "invalid pattern '" + pattern + "'");
        }
        if (result != null) {
            cancelTimer();
            pushBytes(l, prefix, result);
            return 1;
        }
        if (eof || closed || timedOut) {
            boolean timeout = timedOut && !eof;
            timedOut = false;
            cancelTimer();
            byte[] partial = take(input.size(), input.size());
            l.pushNil();
            l.push(timeout ? "timeout" : "closed");
            pushBytes(l, prefix, pattern != null && pattern.startsWith("*l") ? stripCr(partial) : partial);
            return 3;
        }
        return park(c);
    }

    private int name(Lua l, boolean peer) {
        if (channel == null || !channel.isActive()) {
            l.pushNil();
            return 1;
        }
        InetSocketAddress a = (InetSocketAddress) (peer ? channel.remoteAddress() : channel.localAddress());
        l.push(a.getAddress().getHostAddress());
        l.push(a.getPort());
        return 2;
    }

    private void close() {
        closed = true;
        cancelTimer();
        if (channel != null) {
            channel.close();
        }
    }

    private int park(Coroutine c) {
        waiter = c;
        token = c.suspend();
        if (timeoutMs > 0 && timer == null) {
            timer = ((EventLoop) c.loop()).schedule(() -> {
                timer = null;
                timedOut = true;
                if (connecting != null && !connecting.isDone()) {
                    connecting.cancel(false);
                } else if (handshake != null && !handshake.isDone()) {
                    channel.close();
                }
                wake();
            }, timeoutMs, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        return 0;
    }

    private void cancelTimer() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void wake() {
        Coroutine c = waiter;
        if (c != null) {
            waiter = null;
            c.wake(token);
        }
    }

    private byte[] take(int n, int consume) {
        byte[] all = input.toByteArray();
        byte[] out = java.util.Arrays.copyOf(all, n);
        input.reset();
        input.write(all, consume, all.length - consume);
        return out;
    }

    private static byte[] stripCr(byte[] line) {
        int n = 0;
        byte[] out = new byte[line.length];
        for (byte b : line) {
            if (b != '\r') {
                out[n++] = b;
            }
        }
        return java.util.Arrays.copyOf(out, n);
    }

    private static void pushBytes(Lua l, String prefix, byte[] data) {
        byte[] p = prefix.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocateDirect(p.length + data.length);
        b.put(p).put(data).flip();
        l.push(b);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf buf = (ByteBuf) msg;
        try {
            input.writeBytes(ByteBufUtil.getBytes(buf));
        } finally {
            buf.release();
        }
        wake();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
            eof = true;
            wake();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        eof = true;
        wake();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
