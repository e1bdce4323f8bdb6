package io.haven.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.config.model.AccessLevel;
import io.haven.config.model.StatsSocket;
import io.haven.core.Generation;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatsSocketTcpTest {
    private final Generation gen = TestGenerations.build(TestGenerations.CONFIG.replace("stats timeout 2s", "stats timeout 300ms"));
    private final StatsSocketServer server = new StatsSocketServer(new RuntimeApi(() -> gen, new FakeHooks()));
    private InetSocketAddress address;

    @BeforeEach
    void start() throws IOException {
        server.start(List.of(new StatsSocket(null, "127.0.0.1", 0, AccessLevel.ADMIN, 0)));
        address = (InetSocketAddress) server.localAddresses().get(0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private String hostPort() {
        return "127.0.0.1:" + address.getPort();
    }

    @Test
    void nonInteractiveRunsAllCommandsOfTheLineThenCloses() throws IOException {
        String out = AdminClient.send(hostPort(), "show info;show stat -1 2 -1");
        assertThat(out).startsWith("Name: Haven\n").contains("\n\n# pxname,svname,").endsWith(",-,\n\n");
    }

    @Test
    void interactiveModeKeepsTheConnectionUntilQuit() throws IOException {
        try (CliTestClient c = new CliTestClient(address)) {
            c.send("prompt\n");
            assertThat(c.readUntil("\n> ", Timeouts.READ)).isEqualTo("\n> ");
            c.send("show backend\n");
            assertThat(c.readUntil("\n> ", Timeouts.READ)).isEqualTo("# name\nbe\ndb\n\n> ");
            c.send("set server be/s1 weight 3\nget weight be/s1\n"); // two lines in one packet
            assertThat(c.readUntil("\n> ", Timeouts.READ)).isEqualTo("\n> ");
            assertThat(c.readUntil("\n> ", Timeouts.READ)).isEqualTo("3 (initial 10)\n\n> ");
            c.send("quit\n");
            assertThat(c.readToEof(Timeouts.READ)).isEmpty();
        }
    }

    @Test
    void promptSentAgainLeavesInteractiveModeAndCloses() throws IOException {
        try (CliTestClient c = new CliTestClient(address)) {
            c.send("prompt\n");
            c.readUntil("\n> ", Timeouts.READ);
            c.send("show cli level;prompt\n");
            assertThat(c.readToEof(Timeouts.READ)).isEqualTo("admin\n\n> \n");
        }
    }

    @Test
    void idleInteractiveSessionIsClosedAfterStatsTimeout() throws IOException {
        try (CliTestClient c = new CliTestClient(address)) {
            c.send("prompt\n");
            c.readUntil("\n> ", Timeouts.READ);
            await().atMost(Duration.ofSeconds(5)).until(c::closedByServer);
        }
    }

    @Test
    void lastLineWithoutNewlineIsRunAtEndOfInput() throws IOException {
        try (CliTestClient c = new CliTestClient(address)) {
            c.send("show cli level");
            c.shutdownOutput();
            assertThat(c.readToEof(Timeouts.READ)).isEqualTo("admin\n\n");
        }
    }
}
