package io.haven.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.config.model.AccessLevel;
import io.haven.config.model.StatsSocket;
import io.haven.core.Generation;
import io.haven.core.server.PoolOverrideNote;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Who set a pool override is the session's socket: {@code unix:PATH}, or the TCP peer's {@code ip:port}. */
class PoolOverrideIdentityTest {
    @TempDir
    Path dir;

    private final Generation gen = TestGenerations.build();
    private final StatsSocketServer server = new StatsSocketServer(new RuntimeApi(() -> gen, new FakeHooks()));

    @AfterEach
    void stop() {
        server.close();
    }

    private PoolOverrideNote note() {
        return gen.server("be/s1").orElseThrow().poolOverride();
    }

    @Test
    void aUnixSocketSessionIsNamedByTheSocketPath() throws IOException {
        Path path = dir.resolve("admin.sock");
        server.start(List.of(new StatsSocket(path.toString(), null, 0, AccessLevel.ADMIN, 0)));
        long before = System.currentTimeMillis();
        assertThat(AdminClient.send(path.toString(), "set server be/s1 pool out reason maintenance window"))
                .isEqualTo("\n");
        assertThat(note().who()).isEqualTo("unix:" + path);
        assertThat(note().level()).isEqualTo("admin");
        assertThat(note().reason()).isEqualTo("maintenance window");
        assertThat(note().atMillis()).isBetween(before, System.currentTimeMillis());
    }

    @Test
    void aTcpSessionIsNamedByThePeersAddressAndPort() throws IOException {
        server.start(List.of(new StatsSocket(null, "127.0.0.1", 0, AccessLevel.ADMIN, 0)));
        int port = ((InetSocketAddress) server.localAddresses().get(0)).getPort();
        assertThat(AdminClient.send("127.0.0.1:" + port, "set server be/s1 pool in")).isEqualTo("\n");
        assertThat(note().who()).matches("127\\.0\\.0\\.1:\\d+").isNotEqualTo("127.0.0.1:" + port);
        assertThat(note().by()).endsWith(" (admin)");
    }
}
