package io.haven.mysql;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.DecoderException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command phase of an authenticated connection, and the {@link MysqlConnection} callers use.
 * Commands wait in a queue and go out one at a time, each after the answer to the previous one;
 * all state is touched on the channel's event loop only (callers on other threads hop there).
 * A timeout, a malformed answer, a packet nobody asked for, or the server closing ends the
 * connection and fails everything still pending.
 */
final class CommandHandler extends ChannelInboundHandlerAdapter implements MysqlConnection {
    private static final Logger LOG = LoggerFactory.getLogger(CommandHandler.class);

    private final Channel channel;
    private final Duration timeout;
    private final String serverVersion;
    private final long connectionId;
    private final ArrayDeque<Command<?>> queue = new ArrayDeque<>();
    private Command<?> inFlight;
    /** Set once COM_QUIT is queued or the connection ended: no new commands. */
    private boolean refusing;
    /** The COM_QUIT queued, if any; a second quit() completes with it. */
    private Command<Void> quitting;
    /** Why the connection ended; null while it is usable. */
    private IOException closed;
    private volatile boolean open = true;

    CommandHandler(Channel channel, Handshake greeting, Duration timeout) {
        this.channel = channel;
        this.timeout = timeout;
        this.serverVersion = greeting.displayVersion();
        this.connectionId = greeting.connectionId();
    }

    @Override
    public CompletableFuture<ResultSet> query(String sql) {
        return submit(Command.query(Objects.requireNonNull(sql, "sql")));
    }

    @Override
    public CompletableFuture<Void> ping() {
        return submit(Command.ping());
    }

    @Override
    public CompletableFuture<Void> quit() {
        Command<Void> quit = Command.quit();
        if (!onLoop(() -> enqueueQuit(quit))) {
            quit.complete(null); // no loop, no connection left to quit
        }
        return quit.future;
    }

    private void enqueueQuit(Command<Void> quit) {
        if (quitting != null) {
            quitting.future.whenComplete((v, e) -> quit.complete(null));
        } else if (closed != null) {
            quit.complete(null); // already closed: nothing left to quit
        } else {
            quitting = quit;
            enqueue(quit);
        }
    }

    @Override
    public String serverVersion() {
        return serverVersion;
    }

    @Override
    public long connectionId() {
        return connectionId;
    }

    @Override
    public boolean isOpen() {
        return open && channel.isActive();
    }

    @Override
    public void close() {
        open = false;
        onLoop(() -> end(new IOException("connection closed by the client")));
        channel.close(); // also when the loop no longer runs tasks
    }

    private <T> CompletableFuture<T> submit(Command<T> command) {
        if (!onLoop(() -> enqueue(command))) {
            command.fail(new IOException("the connection's event loop is shut down"));
        }
        return command.future;
    }

    private boolean onLoop(Runnable task) {
        EventLoop loop = channel.eventLoop();
        if (loop.inEventLoop()) {
            task.run();
            return true;
        }
        try {
            loop.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    private void enqueue(Command<?> command) {
        if (refusing) {
            command.fail(new IOException(closed != null ? "connection is closed: " + closed.getMessage()
                    : "connection is quitting"));
            return;
        }
        command.deadline(channel.eventLoop().schedule(() -> expire(command), timeout.toNanos(), TimeUnit.NANOSECONDS));
        queue.add(command);
        if (command.isQuit()) {
            refusing = true;
            open = false;
        }
        sendNext();
    }

    private void sendNext() {
        if (inFlight != null || queue.isEmpty() || closed != null) {
            return;
        }
        Command<?> command = queue.poll();
        inFlight = command;
        ChannelFutureListener afterWrite = command.isQuit()
                ? f -> channel.close() // channelInactive then completes the quit
                : f -> {
                    if (!f.isSuccess()) {
                        end(new IOException("could not send " + command.name + ": " + f.cause(), f.cause()));
                    }
                };
        channel.writeAndFlush(PacketWriter.frame(channel.alloc(), 0, command.payload)).addListener(afterWrite);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Packet packet = (Packet) msg;
        try {
            read(packet);
        } finally {
            packet.payload().release();
        }
    }

    private void read(Packet packet) {
        if (closed != null) {
            return;
        }
        Command<?> command = inFlight;
        if (command == null || command.isQuit()) {
            end(new IOException(String.format("unexpected packet 0x%02x from the server with no command pending",
                    packet.header())));
            return;
        }
        try {
            if (!command.read(packet)) {
                return;
            }
        } catch (MysqlException e) {
            command.fail(e); // the answer is complete: the connection stays usable
        } catch (MalformedPacketException e) {
            end(e.toIOException());
            return;
        } catch (RuntimeException e) {
            end(new IOException("cannot read the answer to " + command.name + ": " + e, e));
            return;
        }
        inFlight = null;
        sendNext();
    }

    private void expire(Command<?> command) {
        if (command.future.isDone()) {
            return;
        }
        open = false; // before the caller hears of the timeout
        command.fail(new TimeoutException(command.name + " got no answer within " + timeout.toMillis() + " ms"));
        end(new IOException("connection closed: " + command.name + " timed out"));
    }

    /** Ends the connection once: fails what is pending with {@code reason} (COM_QUIT succeeds) and closes. */
    private void end(IOException reason) {
        open = false;
        if (closed != null) {
            return;
        }
        closed = reason;
        refusing = true;
        LOG.debug("MySQL connection {} to {} ended: {}", connectionId, channel.remoteAddress(), reason.getMessage());
        if (inFlight != null) {
            finish(inFlight, reason);
            inFlight = null;
        }
        for (Command<?> c; (c = queue.poll()) != null; ) {
            finish(c, reason);
        }
        channel.close();
    }

    private static void finish(Command<?> command, IOException reason) {
        if (command.isQuit()) {
            command.complete(null);
        } else {
            command.fail(reason);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        end(new IOException("connection closed by the server"));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        end(toIOException(cause));
    }

    static IOException toIOException(Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof MalformedPacketException m) {
            return m.toIOException();
        }
        return c instanceof IOException io ? io : new IOException(c.toString(), c);
    }
}
