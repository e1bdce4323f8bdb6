package io.haven.mysql;

import static io.haven.mysql.ServerPackets.concat;
import static io.haven.mysql.ServerPackets.frame;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.statistics.Statistics;

/**
 * Hostile servers: random bytes, random payloads in valid frames, and valid exchanges with bytes
 * flipped, inserted, deleted or cut, fed in random chunks. Whatever arrives, no exception may
 * escape the pipeline ({@link EmbeddedServer#close} checks), and once the server hangs up or the
 * deadline passes every future must be done: a result, or a MysqlException, IOException or
 * TimeoutException. Payloads stay small, so a forged length that made the codec allocate by
 * declaration would show as an OutOfMemoryError.
 */
class ProtocolFuzzTest {
    private static final byte[] LOGIN = concat(frame(0, ServerPackets.mariadbGreeting()), frame(2, ServerPackets.ok()));
    private static final byte[] SHA2_LOGIN = concat(
            frame(0, ServerPackets.greeting("8.0.36", 3, ServerPackets.MYSQL8_CAPS, "caching_sha2_password", ServerPackets.NONCE)),
            frame(2, ServerPackets.moreData(new byte[] {4})), frame(4, ServerPackets.moreData("-----BEGIN PUBLIC KEY-----".getBytes())),
            frame(2, ServerPackets.authSwitch("mysql_native_password", ServerPackets.NONCE)), frame(4, ServerPackets.ok()));
    private static final List<byte[]> ANSWERS = List.of(
            ServerPackets.resultSet(new String[] {"1", "NULL", "x"}, new String[] {"1", null, "x"}),
            ServerPackets.resultSet(new String[] {"Seconds_Behind_Master"}, new String[] {"0"}, new String[] {null}),
            concat(frame(1, ServerPackets.ok(5, 2)), frame(1, ServerPackets.ok())),
            concat(frame(1, ServerPackets.err(1064, "42000", "syntax")), frame(1, ServerPackets.ok())),
            concat(frame(1, ServerPackets.payload().lenenc(70_000).build()), frame(2, ServerPackets.row("x".repeat(300)))));

    record Mutation(int kind, int position, byte value, int length) {
        byte[] apply(byte[] in) {
            if (in.length == 0) {
                return new byte[] {value};
            }
            int at = Math.floorMod(position, in.length);
            byte[] out;
            switch (kind) {
                case 0 -> {
                    out = in.clone();
                    out[at] = value;
                }
                case 1 -> {
                    out = new byte[in.length + length];
                    System.arraycopy(in, 0, out, 0, at);
                    Arrays.fill(out, at, at + length, value);
                    System.arraycopy(in, at, out, at + length, in.length - at);
                }
                case 2 -> {
                    int n = Math.min(length, in.length - at);
                    out = new byte[in.length - n];
                    System.arraycopy(in, 0, out, 0, at);
                    System.arraycopy(in, at + n, out, at, in.length - at - n);
                }
                default -> out = Arrays.copyOf(in, at);
            }
            return out;
        }
    }

    @Provide
    Arbitrary<byte[]> mutatedLogins() {
        return mutated(Arbitraries.of(LOGIN, SHA2_LOGIN));
    }

    @Provide
    Arbitrary<byte[]> mutatedAnswers() {
        return mutated(Arbitraries.of(ANSWERS));
    }

    @Provide
    Arbitrary<byte[]> randomPacketsInValidFrames() {
        Arbitrary<byte[]> payload = Arbitraries.oneOf(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(40).map(p -> concat(new byte[] {interesting(p)}, p)));
        return payload.list().ofMaxSize(12).map(ps -> {
            List<byte[]> frames = new ArrayList<>();
            for (int i = 0; i < ps.size(); i++) {
                frames.add(frame(i + 1, ps.get(i)));
            }
            return concat(frames.toArray(new byte[0][]));
        });
    }

    private static byte interesting(byte[] seed) {
        byte[] values = {0x00, 0x01, (byte) 0xfb, (byte) 0xfc, (byte) 0xfd, (byte) 0xfe, (byte) 0xff, 0x0a};
        return values[seed.length % values.length];
    }

    private static Arbitrary<byte[]> mutated(Arbitrary<byte[]> base) {
        Arbitrary<Byte> values = Arbitraries.oneOf(Arbitraries.bytes(),
                Arbitraries.of((byte) 0, (byte) 0xfb, (byte) 0xfc, (byte) 0xfd, (byte) 0xfe, (byte) 0xff));
        Arbitrary<Mutation> mutation = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.integers().between(0, 100_000), values, Arbitraries.integers().between(1, 8)).as(Mutation::new);
        return Combinators.combine(base, mutation.list().ofMinSize(1).ofMaxSize(4)).as((b, ms) -> {
            byte[] out = b;
            for (Mutation m : ms) {
                out = m.apply(out);
            }
            return out;
        });
    }

    @Property(tries = 300)
    void randomBytesInsteadOfAGreeting(@ForAll @Size(max = 400) byte[] bytes, @ForAll @IntRange(min = 1, max = 50) int chunk,
            @ForAll boolean hangUp) {
        try (EmbeddedServer s = EmbeddedServer.start("haven", "secret")) {
            feed(s, bytes, chunk);
            end(s, hangUp);
            assertSettled(s.connecting);
            Statistics.label("login").collect(outcome(s.connecting));
        }
    }

    @Property(tries = 400)
    void mutatedLoginExchanges(@ForAll("mutatedLogins") byte[] bytes, @ForAll @IntRange(min = 1, max = 50) int chunk,
            @ForAll boolean hangUp) {
        try (EmbeddedServer s = EmbeddedServer.start("haven", "secret")) {
            feed(s, bytes, chunk);
            end(s, hangUp);
            assertSettled(s.connecting);
            Statistics.label("login").collect(outcome(s.connecting));
        }
    }

    @Property(tries = 400)
    void mutatedAnswersToQueries(@ForAll("mutatedAnswers") byte[] bytes, @ForAll @IntRange(min = 1, max = 50) int chunk,
            @ForAll boolean hangUp) {
        fuzzCommands(bytes, chunk, hangUp);
    }

    @Property(tries = 300)
    void randomPayloadsAsAnswers(@ForAll("randomPacketsInValidFrames") byte[] bytes,
            @ForAll @IntRange(min = 1, max = 50) int chunk, @ForAll boolean hangUp) {
        fuzzCommands(bytes, chunk, hangUp);
    }

    @Property(tries = 100)
    void forgedLengthsNeverAllocateWhatTheyDeclare(@ForAll @IntRange(min = 0, max = 3) int where,
            @ForAll long declared, @ForAll @IntRange(min = 0xfff000, max = 0xfffffe) int frameLength) {
        long huge = Math.max(Math.abs(declared), 1L << 40) & Long.MAX_VALUE;
        byte[] lenenc = ServerPackets.payload().u8(0xfe).u32(huge).u32(huge >>> 32).build();
        byte[] bytes = switch (where) {
            case 0 -> frame(1, lenenc); // column count
            case 1 -> concat(frame(1, new byte[] {1}), frame(2, ServerPackets.column("a")), frame(3, ServerPackets.eof()),
                    frame(4, concat(lenenc, "abc".getBytes()))); // a value
            case 2 -> concat(frame(1, new byte[] {1}), frame(2, concat(lenenc, new byte[] {1, 2}))); // column definition
            default -> new byte[] {(byte) frameLength, (byte) (frameLength >> 8), (byte) (frameLength >> 16), 1, 0, 1}; // a frame
        };
        fuzzCommands(bytes, bytes.length, true);
    }

    private static void fuzzCommands(byte[] bytes, int chunk, boolean hangUp) {
        try (EmbeddedServer s = EmbeddedServer.authenticated()) {
            MysqlConnection c = s.connection();
            List<CompletableFuture<?>> futures = List.of(c.query("SELECT 1, NULL, 'x'"), c.ping(), c.query("SELECT 2"));
            feed(s, bytes, chunk);
            end(s, hangUp);
            futures.forEach(ProtocolFuzzTest::assertSettled);
            Statistics.label("first query").collect(outcome(futures.get(0)));
        }
    }

    private static void feed(EmbeddedServer s, byte[] bytes, int chunk) {
        for (int from = 0; from < bytes.length && s.channel.isOpen(); from += chunk) {
            s.send(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + chunk)));
            while (s.nextFrame() != null) {
                // drain what the client answered
            }
        }
    }

    private static void end(EmbeddedServer s, boolean hangUp) {
        if (hangUp) {
            s.hangUp();
        } else {
            s.advance(EmbeddedServer.TIMEOUT);
        }
    }

    /** What happened, for jqwik's statistics: shows the fuzzing reaches past the framing. */
    private static String outcome(CompletableFuture<?> f) {
        if (!f.isCompletedExceptionally()) {
            return "result";
        }
        Throwable t = EmbeddedServer.failure(f);
        String m = String.valueOf(t.getMessage());
        return t.getClass().getSimpleName() + (m.startsWith("malformed") ? " (malformed)" : "");
    }

    private static void assertSettled(CompletableFuture<?> f) {
        assertThat(f).isDone();
        if (f.isCompletedExceptionally()) {
            assertThat(EmbeddedServer.failure(f)).isInstanceOfAny(MysqlException.class, IOException.class, TimeoutException.class);
        }
    }
}
