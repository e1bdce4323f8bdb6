package io.haven.mysql;

import static io.haven.mysql.ServerPackets.frame;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Deadlines: the connect deadline covers greeting and login; each command's runs from its call.
 * A timeout fails that command with TimeoutException and closes the connection.
 */
class CommandTimeoutTest {
    private static final Duration JUST_BEFORE = EmbeddedServer.TIMEOUT.minusMillis(1);

    @Test
    void aServerThatNeverGreetsTimesOut() {
        try (EmbeddedServer s = EmbeddedServer.start("haven", "secret")) {
            s.advance(JUST_BEFORE);
            assertThat(s.connecting).isNotDone();
            s.advance(Duration.ofMillis(1));
            assertThat(EmbeddedServer.failure(s.connecting)).isInstanceOf(TimeoutException.class);
            assertThat(s.channel.isActive()).isFalse();
        }
    }

    @Test
    void aLoginThatIsNeverAnsweredTimesOut() {
        try (EmbeddedServer s = EmbeddedServer.start("haven", "secret")) {
            s.send(frame(0, ServerPackets.mariadbGreeting()));
            s.advance(EmbeddedServer.TIMEOUT);
            assertThat(EmbeddedServer.failure(s.connecting)).isInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void theConnectDeadlineIsCancelledOnSuccess() {
        try (EmbeddedServer s = EmbeddedServer.authenticated()) {
            s.advance(EmbeddedServer.TIMEOUT.multipliedBy(2));
            assertThat(s.connection().isOpen()).isTrue();
        }
    }

    @Test
    void aQueryWithoutAnswerFailsWithTimeoutAndClosesTheConnection() {
        try (EmbeddedServer s = EmbeddedServer.authenticated()) {
            CompletableFuture<ResultSet> slow = s.connection().query("SELECT SLEEP(60)");
            s.advance(Duration.ofSeconds(1));
            CompletableFuture<Void> behind = s.connection().ping();
            s.advance(EmbeddedServer.TIMEOUT.minusSeconds(1).minusMillis(1));
            assertThat(slow).isNotDone();
            s.advance(Duration.ofMillis(1));
            assertThat(EmbeddedServer.failure(slow)).isInstanceOf(TimeoutException.class).hasMessageContaining("COM_QUERY");
            assertThat(EmbeddedServer.failure(behind)).isInstanceOf(IOException.class).hasMessageContaining("timed out");
            assertThat(s.connection().isOpen()).isFalse();
            assertThat(s.channel.isActive()).isFalse();
        }
    }

    @Test
    void eachCommandsDeadlineRunsFromItsCall() {
        try (EmbeddedServer s = EmbeddedServer.authenticated()) {
            CompletableFuture<Void> first = s.connection().ping();
            s.advance(JUST_BEFORE);
            s.nextPacket();
            s.send(frame(1, ServerPackets.ok()));
            assertThat(first).isCompleted();
            CompletableFuture<Void> second = s.connection().ping();
            s.advance(JUST_BEFORE);
            s.nextPacket();
            s.send(frame(1, ServerPackets.ok()));
            assertThat(second).isCompleted();
            assertThat(s.connection().isOpen()).isTrue();
        }
    }
}
