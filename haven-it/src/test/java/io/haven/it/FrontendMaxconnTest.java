package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.EchoServer;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A frontend at its maxconn stops accepting; clients wait in the kernel's backlog, not refused, and go on when a slot frees. */
class FrontendMaxconnTest {
    @TempDir
    Path dir;

    @Test
    void clientsBeyondMaxconnWaitUntilAConnectionEnds() throws Exception {
        try (EchoServer echo = new EchoServer()) {
            int port = Net.freePort();
            Path cfg = dir.resolve("maxconn.cfg");
            Files.writeString(cfg, """
                    defaults
                        mode tcp
                        timeout connect 2s
                        timeout client 30s
                        timeout server 30s
                    listen limited
                        bind 127.0.0.1:%d
                        maxconn 2
                        server echo 127.0.0.1:%d
                    """.formatted(port, echo.port()));
            try (HavenProcess haven = HavenProcess.launch(dir, "-f", cfg.toString()).awaitStarted()) {
                int before = 0;
                try (Socket a = new Socket("127.0.0.1", port); Socket b = new Socket("127.0.0.1", port)) {
                    await().atMost(Duration.ofSeconds(5)).alias("both connections relayed; haven said: " + haven.stderr())
                            .until(() -> echo.accepted() == before + 2);
                    try (Socket c = new Socket("127.0.0.1", port)) {
                        c.setSoTimeout(10_000);
                        c.getOutputStream().write("third".getBytes(StandardCharsets.US_ASCII));
                        c.shutdownOutput();
                        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(3))
                                .until(() -> echo.accepted() == before + 2);
                        a.shutdownOutput();
                        assertThat(Net.readAll(a.getInputStream())).isEqualTo("0 bytes\n");
                        assertThat(Net.readAll(c.getInputStream())).isEqualTo("third5 bytes\n");
                    }
                }
                assertThat(echo.accepted()).isEqualTo(before + 3);
            }
        }
    }
}
