package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import io.haven.it.support.OriginServer;
import io.haven.it.support.RawHttp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Idle keep-alive connections do not hold back a reload or a stop, as in HAProxy's soft stop: a
 * connection between two requests is closed at once (the timeouts here are far longer than the test).
 */
class HttpSoftStopTest {
    @TempDir
    Path dir;
    OriginServer origin;
    HavenProcess haven;
    int port;

    @BeforeEach
    void start() throws Exception {
        origin = new OriginServer();
        port = Net.freePort();
        Path cfg = dir.resolve("soft.cfg");
        Files.writeString(cfg, """
                global
                    hard-stop-after 60s
                defaults
                    mode http
                    timeout connect 1s
                    timeout client 60s
                    timeout server 60s
                    timeout http-keep-alive 60s
                frontend fe
                    bind 127.0.0.1:%1$d
                    default_backend be
                backend be
                    server origin 127.0.0.1:%2$d
                """.formatted(port, origin.port()));
        haven = HavenProcess.start(dir, cfg, port);
    }

    @AfterEach
    void stop() throws Exception {
        haven.close();
        origin.close();
    }

    @Test
    void aReloadClosesIdleKeepAliveConnectionsOfTheOldGeneration() throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            assertThat(c.get("/before").head()).startsWith("HTTP/1.1 200 ");
            haven.signal("HUP");
            assertThat(c.closedByPeer()).as("closed well before its 60s keep-alive timeout").isTrue();
        }
        try (RawHttp c = new RawHttp(port)) {
            assertThat(c.get("/after").head()).startsWith("HTTP/1.1 200 ");
        }
    }

    @Test
    void aStopDoesNotWaitForIdleKeepAliveConnections() throws Exception {
        try (RawHttp c = new RawHttp(port)) {
            assertThat(c.get("/before").head()).startsWith("HTTP/1.1 200 ");
            haven.signal("TERM");
            assertThat(c.closedByPeer()).isTrue();
            assertThat(haven.awaitExit(Duration.ofSeconds(30))).isZero();
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !haven.isAlive());
    }
}
