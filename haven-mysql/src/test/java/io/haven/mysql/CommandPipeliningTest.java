package io.haven.mysql;

import static io.haven.mysql.ServerPackets.concat;
import static io.haven.mysql.ServerPackets.frame;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Commands queue on one connection and go out one at a time, in call order, each after the
 * previous answer; ping, quit and close; what fails when the server goes away.
 */
class CommandPipeliningTest {

    private static String query(byte[] payload) {
        return new String(payload, 1, payload.length - 1, StandardCharsets.UTF_8);
    }

    @Test
    void oneCommandInFlightAndAnswersInOrder() {
        try (EmbeddedServer s = EmbeddedServer.authenticated()) {
            List<CompletableFuture<ResultSet>> queries = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                queries.add(s.connection().query("SELECT " + i));
            }
            for (int i = 0; i < 5; i++) {
                assertThat(query(s.nextPacket())).isEqualTo("SELECT " + i);
                assertThat(s.nextFrame()).as("nothing else is sent before the answer").isNull();
                s.send(ServerPackets.resultSet(new String[] {"n"}, new String[] {Integer.toString(i)}));
                assertThat(queries.get(i).join().value(0, "n")).isEqualTo(Integer.toString(i));
            }
        }
    }

    @Test
    void aCallbackMayQueueTheNextCommand() {
        try (EmbeddedServer s = EmbeddedServer.authenticated()) {
            MysqlConnection c = s.connection();
            CompletableFuture<ResultSet> second = c.query("SELECT 1").thenCompose(r -> c.query("SELECT 2"));
            CompletableFuture<ResultSet> third = c.query("SELECT 3");
            s.nextPacket();
            s.send(ServerPackets.resultSet(new String[] {"1"}, new String[] {"1"}));
            assertThat(query(s.nextPacket())).as("queued before the callback ran").isEqualTo("SELECT 3");
            s.send(ServerPackets.resultSet(new String[] {"3"}, new String[] {"3"}));
            assertThat(query(s.nextPacket())).isEqualTo("SELECT 2");
            s.send(ServerPackets.resultSet(new String[] {"2"}, new String[] {"2"}));
            assertThat(second.join().value(0, "2")).isEqualTo("2");
            assertThat(third).isCompleted();
        }
    }

    @Test
    void pingIsComPingAnsweredByOk() {
        try (EmbeddedServer s = EmbeddedServer.authenticated()) {
            CompletableFuture<Void> ping = s.connection().ping();
            assertThat(s.nextFrame()).containsExactly(1, 0, 0, 0, 0x0e);
            s.send(frame(1, ServerPackets.ok()));
            assertThat(ping).isCompleted();
        }
    }

    @Test
    void quitRunsAfterQueuedCommandsThenCloses() {
        try (EmbeddedServer s = EmbeddedServer.authenticated()) {
            MysqlConnection c = s.connection();
            CompletableFuture<Void> ping = c.ping();
            CompletableFuture<Void> quit = c.quit();
            CompletableFuture<Void> again = c.quit();
            CompletableFuture<Void> late = c.ping();
            assertThat(c.isOpen()).isFalse();
            assertThat(EmbeddedServer.failure(late)).isInstanceOf(IOException.class).hasMessageContaining("quitting");
            s.nextPacket();
            s.send(frame(1, ServerPackets.ok()));
            assertThat(ping).isCompleted();
            assertThat(s.nextFrame()).containsExactly(1, 0, 0, 0, 0x01);
            s.channel.runPendingTasks();
            assertThat(quit).isCompleted();
            assertThat(again).isCompleted();
            assertThat(s.nextFrame()).as("one COM_QUIT").isNull();
            assertThat(s.channel.isActive()).isFalse();
            assertThat(c.quit()).as("quit again is harmless").isCompleted();
        }
    }

    @Test
    void closeFailsPendingCommands() {
        try (EmbeddedServer s = EmbeddedServer.authenticated()) {
            MysqlConnection c = s.connection();
            CompletableFuture<ResultSet> q = c.query("SELECT SLEEP(10)");
            c.close();
            assertThat(EmbeddedServer.failure(q)).isInstanceOf(IOException.class).hasMessageContaining("closed by the client");
            assertThat(c.isOpen()).isFalse();
            assertThat(EmbeddedServer.failure(c.ping())).isInstanceOf(IOException.class);
            c.close();
        }
    }

    @Test
    void theServerHangingUpFailsEveryPendingCommand() {
        try (EmbeddedServer s = EmbeddedServer.authenticated()) {
            CompletableFuture<ResultSet> inFlight = s.connection().query("SELECT 1");
            CompletableFuture<Void> queued = s.connection().ping();
            s.send(concat(frame(1, new byte[] {1}), frame(2, ServerPackets.column("1"))));
            s.hangUp();
            assertThat(EmbeddedServer.failure(inFlight)).isInstanceOf(IOException.class).hasMessageContaining("closed by the server");
            assertThat(EmbeddedServer.failure(queued)).isInstanceOf(IOException.class);
        }
    }

    @Test
    void aPacketNobodyAskedForClosesTheConnection() {
        try (EmbeddedServer s = EmbeddedServer.authenticated()) {
            // MySQL 8 sends ERR 4031 before closing an idle connection
            s.send(frame(0, ServerPackets.err(4031, "HY000", "The client was disconnected by the server because of inactivity.")));
            assertThat(s.connection().isOpen()).isFalse();
            assertThat(EmbeddedServer.failure(s.connection().query("SELECT 1"))).isInstanceOf(IOException.class)
                    .hasMessageContaining("unexpected packet");
        }
    }
}
