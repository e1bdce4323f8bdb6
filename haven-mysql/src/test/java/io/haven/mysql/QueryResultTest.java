package io.haven.mysql;

import static io.haven.mysql.ServerPackets.concat;
import static io.haven.mysql.ServerPackets.frame;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** COM_QUERY answers: resultsets with NULLs, OK packets, ERR packets, cut at every offset. */
class QueryResultTest {

    private static final byte[] SELECT_1_NULL_X = ServerPackets.resultSet(new String[] {"1", "NULL", "x"},
            new String[] {"1", null, "x"});

    @Test
    void theQueryIsSentAsComQueryWithSequenceZero() {
        try (EmbeddedServer s = EmbeddedServer.authenticated()) {
            s.connection().query("SELECT 'é'");
            byte[] f = s.nextFrame();
            assertThat(EmbeddedServer.sequenceId(f)).isZero();
            assertThat(f[4]).isEqualTo((byte) 0x03);
            assertThat(new String(f, 5, f.length - 5, StandardCharsets.UTF_8)).isEqualTo("SELECT 'é'");
        }
    }

    @Test
    void aResultSetWithNullCutAtEveryOffset() {
        for (int cut = 0; cut <= SELECT_1_NULL_X.length; cut++) {
            try (EmbeddedServer s = EmbeddedServer.authenticated()) {
                CompletableFuture<ResultSet> q = s.connection().query("SELECT 1, NULL, 'x'");
                s.sendSplit(SELECT_1_NULL_X, cut);
                ResultSet r = q.join();
                assertThat(r.columns()).containsExactly("1", "NULL", "x");
                assertThat(r.rows()).containsExactly(Arrays.asList("1", null, "x"));
                assertThat(r.value(0, "NULL")).isNull();
                assertThat(r.value(0, "X")).isEqualTo("x");
                assertThat(r.affectedRows()).isZero();
            }
        }
    }

    @Test
    void aResultSetDeliveredByteByByte() {
        byte[] rs = ServerPackets.resultSet(new String[] {"Variable_name", "Value"},
                new String[] {"server_id", "7"}, new String[] {"long", "v".repeat(70_000)});
        try (EmbeddedServer s = EmbeddedServer.authenticated()) {
            CompletableFuture<ResultSet> q = s.connection().query("SHOW VARIABLES");
            int[] cuts = new int[400];
            for (int i = 0; i < cuts.length; i++) {
                cuts[i] = i + 1;
            }
            s.sendSplit(rs, cuts);
            ResultSet r = q.join();
            assertThat(r.rows()).hasSize(2);
            assertThat(r.value(0, "value")).isEqualTo("7");
            assertThat(r.value(1, "Value")).hasSize(70_000);
        }
    }

    @Test
    void anEmptyResultSetHasColumnsAndNoRows() {
        try (EmbeddedServer s = EmbeddedServer.authenticated()) {
            CompletableFuture<ResultSet> q = s.connection().query("SHOW SLAVE STATUS");
            s.send(ServerPackets.resultSet(new String[] {"Slave_IO_State", "Seconds_Behind_Master"}));
            assertThat(q.join().columns()).containsExactly("Slave_IO_State", "Seconds_Behind_Master");
            assertThat(q.join().rows()).isEmpty();
        }
    }

    @Test
    void anOkPacketGivesAffectedRows() {
        try (EmbeddedServer s = EmbeddedServer.authenticated()) {
            CompletableFuture<ResultSet> q = s.connection().query("DELETE FROM t");
            s.send(frame(1, ServerPackets.ok(300, 2)));
            assertThat(q.join()).isEqualTo(new ResultSet(List.of(), List.of(), 300));
        }
    }

    @Test
    void anErrPacketFailsOnlyThatQuery() {
        try (EmbeddedServer s = EmbeddedServer.authenticated()) {
            CompletableFuture<ResultSet> bad = s.connection().query("SELEC 1");
            CompletableFuture<ResultSet> good = s.connection().query("SELECT 1");
            s.nextPacket();
            s.send(frame(1, ServerPackets.err(1064, "42000", "You have an error in your SQL syntax")));
            assertThat(EmbeddedServer.failure(bad)).isInstanceOfSatisfying(MysqlException.class, e -> {
                assertThat(e.code()).isEqualTo(1064);
                assertThat(e.sqlState()).isEqualTo("42000");
            });
            assertThat(new String(s.nextPacket(), StandardCharsets.UTF_8)).endsWith("SELECT 1");
            s.send(ServerPackets.resultSet(new String[] {"1"}, new String[] {"1"}));
            assertThat(good.join().value(0, "1")).isEqualTo("1");
            assertThat(s.connection().isOpen()).isTrue();
        }
    }

    @Test
    void anErrorAfterSomeRowsFailsTheQuery() {
        byte[] rs = ServerPackets.resultSet(new String[] {"a"}, new String[] {"1"});
        byte[] withoutEof = Arrays.copyOf(rs, rs.length - 9);
        try (EmbeddedServer s = EmbeddedServer.authenticated()) {
            CompletableFuture<ResultSet> q = s.connection().query("SELECT a FROM big");
            s.send(concat(withoutEof, frame(5, ServerPackets.err(1317, "70100", "Query execution was interrupted"))));
            assertThat(EmbeddedServer.failure(q)).isInstanceOfSatisfying(MysqlException.class,
                    e -> assertThat(e.code()).isEqualTo(1317));
            assertThat(s.connection().isOpen()).isTrue();
        }
    }

    @Test
    void furtherResultsAreReadAndDropped() {
        try (EmbeddedServer s = EmbeddedServer.authenticated()) {
            CompletableFuture<ResultSet> q = s.connection().query("CALL p()");
            byte[] first = ServerPackets.resultSet(new String[] {"a"}, new String[] {"1"});
            byte[] moreFollow = concat(Arrays.copyOf(first, first.length - 9), frame(5, ServerPackets.eof(0x0a)));
            s.send(concat(moreFollow, frame(6, ServerPackets.ok(0, 2))));
            assertThat(q.join().value(0, "a")).isEqualTo("1");
            CompletableFuture<Void> ping = s.connection().ping();
            s.nextPacket();
            s.nextPacket();
            s.send(frame(1, ServerPackets.ok()));
            assertThat(ping).isCompleted();
        }
    }

    @Test
    void aRowWithTooFewValuesIsMalformedAndClosesTheConnection() {
        try (EmbeddedServer s = EmbeddedServer.authenticated()) {
            CompletableFuture<ResultSet> q = s.connection().query("SELECT a, b");
            CompletableFuture<Void> behind = s.connection().ping();
            s.send(concat(frame(1, new byte[] {2}), frame(2, ServerPackets.column("a")), frame(3, ServerPackets.column("b")),
                    frame(4, ServerPackets.eof()), frame(5, ServerPackets.row("only one"))));
            assertThat(EmbeddedServer.failure(q)).isInstanceOf(IOException.class).hasMessageContaining("malformed");
            assertThat(EmbeddedServer.failure(behind)).isInstanceOf(IOException.class);
            assertThat(s.connection().isOpen()).isFalse();
        }
    }

    @Test
    void aLocalInfileRequestIsRefused() {
        try (EmbeddedServer s = EmbeddedServer.authenticated()) {
            CompletableFuture<ResultSet> q = s.connection().query("LOAD DATA LOCAL INFILE '/etc/passwd' INTO TABLE t");
            s.send(frame(1, ServerPackets.payload().u8(0xfb).text("/etc/passwd").build()));
            assertThat(EmbeddedServer.failure(q)).isInstanceOf(IOException.class).hasMessageContaining("LOCAL INFILE");
        }
    }
}
