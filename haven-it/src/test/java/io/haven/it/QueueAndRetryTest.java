package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.EchoServer;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.NamedServers;
import io.haven.it.support.Net;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Server maxconn with a queue and timeout queue; connection retries and redispatch. */
class QueueAndRetryTest {
    @TempDir
    static Path dir;
    static EchoServer echo;
    static NamedServers alive;
    static HavenProcess haven;
    static int queuePort;
    static int shortQueuePort;
    static int redispatchPort;
    static int noRedispatchPort;
    static int deadPort;
    static int everyRetryPort;

    @BeforeAll
    static void start() throws Exception {
        echo = new EchoServer();
        alive = new NamedServers("alive");
        deadPort = Net.freePort();
        queuePort = Net.freePort();
        shortQueuePort = Net.freePort();
        redispatchPort = Net.freePort();
        noRedispatchPort = Net.freePort();
        everyRetryPort = Net.freePort();
        Path cfg = dir.resolve("queue.cfg");
        Files.writeString(cfg, """
                global
                    nbthread 1
                    log stdout format raw local0
                defaults
                    mode tcp
                    log global
                    option tcplog
                    timeout connect 200ms
                    timeout client 30s
                    timeout server 30s
                listen queued
                    bind 127.0.0.1:%1$d
                    timeout queue 10s
                    server echo 127.0.0.1:%2$d maxconn 1
                listen short_queue
                    bind 127.0.0.1:%3$d
                    timeout queue 300ms
                    server echo 127.0.0.1:%2$d maxconn 1 maxqueue 1
                listen redispatching
                    bind 127.0.0.1:%4$d
                    balance first
                    retries 2
                    option redispatch
                    server dead 127.0.0.1:%6$d
                    server alive 127.0.0.1:%7$d
                listen stubborn
                    bind 127.0.0.1:%5$d
                    balance first
                    retries 2
                    server dead 127.0.0.1:%6$d
                    server alive 127.0.0.1:%7$d
                listen every_retry
                    bind 127.0.0.1:%8$d
                    balance first
                    retries 3
                    option redispatch 1
                    server dead 127.0.0.1:%6$d
                    server alive 127.0.0.1:%7$d
                """.formatted(queuePort, echo.port(), shortQueuePort, redispatchPort, noRedispatchPort, deadPort, alive.port(0),
                everyRetryPort));
        haven = HavenProcess.start(dir, cfg, queuePort, shortQueuePort, redispatchPort, noRedispatchPort, everyRetryPort);
    }

    @AfterAll
    static void stop() throws Exception {
        haven.close();
        echo.close();
        alive.close();
    }

    private static Socket open(int port) throws Exception {
        Socket s = new Socket("127.0.0.1", port);
        s.setSoTimeout(10_000);
        return s;
    }

    private static String finish(Socket s, String msg) throws Exception {
        s.getOutputStream().write(msg.getBytes(StandardCharsets.US_ASCII));
        s.shutdownOutput();
        return Net.readAll(s.getInputStream());
    }

    @Test
    void aConnectionBeyondMaxconnWaitsAndIsServedWhenASlotFrees() throws Exception {
        int before = echo.accepted();
        try (Socket first = open(queuePort); Socket second = open(queuePort)) {
            first.getOutputStream().write('a');
            assertThat(first.getInputStream().read()).isEqualTo('a');
            await().atMost(Duration.ofSeconds(5)).until(() -> echo.accepted() == before + 1);
            second.getOutputStream().write("queued".getBytes(StandardCharsets.US_ASCII));
            second.shutdownOutput();
            // the second client waits in the queue: the server has seen only one connection
            await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> echo.accepted() == before + 1);
            assertThat(finish(first, "")).isEqualTo("1 bytes\n");
            assertThat(Net.readAll(second.getInputStream())).as(haven.stdout() + haven.stderr()).isEqualTo("queued6 bytes\n");
            assertThat(echo.accepted()).isEqualTo(before + 2);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> haven.stdout().contains(" queued queued/echo "));
    }

    @Test
    void aQueuedConnectionGivesUpAfterTimeoutQueueAndAFullQueueRefuses() throws Exception {
        int before = echo.accepted();
        try (Socket holder = open(shortQueuePort)) {
            holder.getOutputStream().write('h');
            assertThat(holder.getInputStream().read()).isEqualTo('h');
            try (Socket waiting = open(shortQueuePort)) {
                try (Socket overflow = open(shortQueuePort)) {
                    // maxqueue 1 is taken by 'waiting': this one is closed at once
                    assertThat(overflow.getInputStream().read()).isEqualTo(-1);
                }
                InputStream in = waiting.getInputStream();
                assertThat(in.read()).as("closed after timeout queue, never served").isEqualTo(-1);
            }
            assertThat(echo.accepted()).isEqualTo(before + 1);
            finish(holder, "");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> haven.stdout().lines().anyMatch(
                l -> l.contains(" short_queue short_queue/<NOSRV> ") && l.contains(" sQ ")));
    }

    @Test
    void redispatchMovesTheLastRetryToAnotherServer() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(Net.exchange(redispatchPort, null)).isEqualTo("alive\n");
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> haven.stdout().lines().anyMatch(
                l -> l.contains(" redispatching redispatching/alive ") && l.contains("/+2 ")));
    }

    @Test
    void redispatchOneMovesTheFirstRetryToAnotherServer() throws Exception {
        assertThat(Net.exchange(everyRetryPort, null)).isEqualTo("alive\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> haven.stdout().lines().anyMatch(
                l -> l.contains(" every_retry every_retry/alive ") && l.contains("/+1 ")));
    }

    @Test
    void withoutRedispatchRetriesStayOnTheFailingServerAndGiveUp() throws Exception {
        assertThat(Net.exchange(noRedispatchPort, null)).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> haven.stdout().lines().anyMatch(
                l -> l.contains(" stubborn stubborn/dead ") && l.contains(" SC ") && l.contains("/2 ")));
    }
}
