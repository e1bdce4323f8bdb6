package io.haven.mysql;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The client's codec on an {@link EmbeddedChannel} with a scripted server on the other side:
 * the test feeds server bytes and reads the client's packets. Time is frozen; {@link #advance}
 * moves it, so deadlines fire exactly when a test says.
 */
final class EmbeddedServer implements AutoCloseable {
    static final Duration TIMEOUT = Duration.ofSeconds(5);

    final EmbeddedChannel channel = new EmbeddedChannel();
    final CompletableFuture<MysqlConnection> connecting;
    private final List<byte[]> pendingFrames = new ArrayList<>();

    EmbeddedServer(MysqlCredentials credentials) {
        channel.freezeTime();
        connecting = MysqlClient.attach(channel, credentials, TIMEOUT);
    }

    static EmbeddedServer start(String user, String password) {
        return new EmbeddedServer(new MysqlCredentials(user, password, null));
    }

    /** Greets as MariaDB, answers the login with OK, and returns the connection. */
    static EmbeddedServer authenticated() {
        EmbeddedServer s = start("haven", "secret");
        s.send(ServerPackets.frame(0, ServerPackets.mariadbGreeting()));
        s.nextPacket();
        s.send(ServerPackets.frame(2, ServerPackets.ok()));
        assertThat(s.connecting).isCompleted();
        return s;
    }

    MysqlConnection connection() {
        return connecting.join();
    }

    /** Why {@code future} failed; fails the test if it did not (yet). Java 17 has no exceptionNow(). */
    static Throwable failure(CompletableFuture<?> future) {
        assertThat(future).isCompletedExceptionally();
        try {
            future.getNow(null);
            throw new AssertionError("unreachable");
        } catch (java.util.concurrent.CompletionException | java.util.concurrent.CancellationException e) {
            return e.getCause() != null ? e.getCause() : e;
        }
    }

    /** Server bytes, in one read. */
    void send(byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
    }

    /** Server bytes cut into reads at the given offsets. */
    void sendSplit(byte[] bytes, int... cuts) {
        int from = 0;
        for (int cut : cuts) {
            send(Arrays.copyOfRange(bytes, from, cut));
            from = cut;
        }
        send(Arrays.copyOfRange(bytes, from, bytes.length));
    }

    /** The next whole frame the client sent (header included), or null if there is none. */
    byte[] nextFrame() {
        while (pendingFrames.isEmpty()) {
            ByteBuf out = channel.readOutbound();
            if (out == null) {
                return null;
            }
            try {
                while (out.readableBytes() >= 4) {
                    int length = out.getUnsignedMediumLE(out.readerIndex());
                    byte[] frame = new byte[4 + length];
                    out.readBytes(frame);
                    pendingFrames.add(frame);
                }
            } finally {
                out.release();
            }
        }
        return pendingFrames.remove(0);
    }

    /** The payload of the next frame the client sent; fails if there is none. */
    byte[] nextPacket() {
        byte[] f = nextFrame();
        assertThat(f).as("a packet from the client").isNotNull();
        return Arrays.copyOfRange(f, 4, f.length);
    }

    /** The sequence id of a frame returned by {@link #nextFrame}. */
    static int sequenceId(byte[] frame) {
        return frame[3] & 0xff;
    }

    void advance(Duration d) {
        channel.advanceTimeBy(d.toNanos(), TimeUnit.NANOSECONDS);
        channel.runScheduledPendingTasks();
        channel.runPendingTasks();
    }

    /** The server hangs up. */
    void hangUp() {
        channel.close();
        channel.runPendingTasks();
    }

    @Override
    public void close() {
        channel.checkException();
        channel.finishAndReleaseAll();
    }
}
