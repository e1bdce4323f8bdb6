package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.HangUpServer;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.NamedServers;
import io.haven.it.support.Net;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code retry-on empty-response} in TCP mode: a server that hangs up before a single byte went
 * either way is retried (and redispatched) like a failed connect, so the client never sees it;
 * once the client has sent something, nothing is replayed.
 */
class EmptyResponseRetryTest {
    @TempDir
    static Path dir;
    static HangUpServer atOnce;
    static HangUpServer afterByte;
    static NamedServers alive;
    static HavenProcess haven;
    static int retryPort;
    static int plainPort;
    static int sentFirstPort;

    @BeforeAll
    static void start() throws Exception {
        atOnce = new HangUpServer(false);
        afterByte = new HangUpServer(true);
        alive = new NamedServers("alive");
        retryPort = Net.freePort();
        plainPort = Net.freePort();
        sentFirstPort = Net.freePort();
        Path cfg = dir.resolve("retry.cfg");
        Files.writeString(cfg, """
                global
                    log stdout format raw local0
                defaults
                    mode tcp
                    log global
                    option tcplog
                    timeout connect 1s
                    timeout client 10s
                    timeout server 10s
                    balance first
                    retries 2
                    option redispatch 1
                listen retried
                    bind 127.0.0.1:%d
                    retry-on conn-failure empty-response
                    server hangup 127.0.0.1:%d
                    server alive 127.0.0.1:%d
                listen plain
                    bind 127.0.0.1:%d
                    server hangup 127.0.0.1:%d
                    server alive 127.0.0.1:%d
                listen sent_first
                    bind 127.0.0.1:%d
                    retry-on conn-failure empty-response
                    server hangup 127.0.0.1:%d
                    server alive 127.0.0.1:%d
                """.formatted(retryPort, atOnce.port(), alive.port(0), plainPort, atOnce.port(), alive.port(0),
                sentFirstPort, afterByte.port(), alive.port(0)));
        haven = HavenProcess.start(dir, cfg, retryPort, plainPort, sentFirstPort);
    }

    @AfterAll
    static void stop() throws Exception {
        haven.close();
        atOnce.close();
        afterByte.close();
        alive.close();
    }

    @Test
    void aServerThatHangsUpBeforeAnyByteIsRetriedElsewhere() throws Exception {
        int before = atOnce.accepted();
        for (int i = 0; i < 5; i++) {
            assertThat(Net.exchange(retryPort, null)).isEqualTo("alive\n");
        }
        assertThat(atOnce.accepted() - before).as("each connection tried the hanging-up server first").isEqualTo(5);
        await().atMost(Duration.ofSeconds(5)).until(() -> haven.stdout().lines().filter(
                l -> l.contains(" retried retried/alive ") && l.contains("/+1 ") && l.contains(" -- ")).count() >= 5);
    }

    @Test
    void withoutItTheClientSeesTheHangUp() throws Exception {
        assertThat(Net.exchange(plainPort, null)).isEmpty();
        await().atMost(Duration.ofSeconds(5)).until(() -> haven.stdout().lines().anyMatch(
                l -> l.contains(" plain plain/hangup ") && l.contains(" 0 -- ")));
    }

    @Test
    void whatTheClientSentIsNeverReplayed() throws Exception {
        int before = afterByte.accepted();
        int aliveBefore = alive.connections(0);
        assertThat(Net.exchange(sentFirstPort, "QUIT\r\n")).isEmpty();
        assertThat(afterByte.accepted() - before).isEqualTo(1);
        await().atMost(Duration.ofSeconds(5)).until(() -> haven.stdout().lines().anyMatch(
                l -> l.contains(" sent_first sent_first/hangup ") && l.contains(" 0 -- ")));
        assertThat(alive.connections(0)).as("the bytes did not go to another server").isEqualTo(aliveBefore);
    }
}
