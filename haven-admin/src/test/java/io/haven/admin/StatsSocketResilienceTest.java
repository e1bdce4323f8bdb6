package io.haven.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.config.model.AccessLevel;
import io.haven.config.model.StatsSocket;
import io.haven.core.Generation;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StatsSocketResilienceTest {
    private final AtomicReference<Generation> current = new AtomicReference<>(TestGenerations.build());
    private final FakeHooks hooks = new FakeHooks();
    private final StatsSocketServer server = new StatsSocketServer(new RuntimeApi(current::get, hooks));
    private String address;

    @BeforeEach
    void start() throws IOException {
        server.start(List.of(new StatsSocket(null, "127.0.0.1", 0, AccessLevel.ADMIN, 0)));
        address = "127.0.0.1:" + ((InetSocketAddress) server.localAddresses().get(0)).getPort();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aCommandThatThrowsIsAnsweredAndTheSocketKeepsServing() throws IOException {
        hooks.onReload = () -> {
            throw new IllegalStateException("reload exploded");
        };
        assertThat(AdminClient.send(address, "reload"))
                .isEqualTo("Internal error while running 'reload': java.lang.IllegalStateException: reload exploded\n\n");
        for (int i = 0; i < 20; i++) {
            assertThat(AdminClient.send(address, "show cli level")).isEqualTo("admin\n\n");
        }
    }

    @Test
    void aGenerationThatCannotBeReadDoesNotKillTheServer() throws IOException {
        Generation good = current.get();
        current.set(null);
        assertThat(AdminClient.send(address, "show backend")).startsWith("Internal error while running 'show backend'");
        current.set(good);
        assertThat(AdminClient.send(address, "show backend")).isEqualTo("# name\nbe\ndb\n\n");
    }

    @Test
    void aLineLongerThan64KibIsRefusedAndTheConnectionClosed() throws IOException {
        try (CliTestClient c = new CliTestClient(server.localAddresses().get(0))) {
            c.send("show " + "x".repeat(CliConnection.MAX_LINE + 10));
            assertThat(c.readToEof(Timeouts.READ)).isEqualTo(CliConnection.TOO_LONG);
        }
        assertThat(AdminClient.send(address, "show cli level")).isEqualTo("admin\n\n");
    }

    @Test
    void theSameServerFollowsReloadsThroughTheSupplier() throws IOException {
        hooks.onReload = () -> {
            current.set(TestGenerations.build(TestGenerations.CONFIG.replace("be", "web")));
            return "Success=1\n--\n";
        };
        assertThat(AdminClient.send(address, "reload")).isEqualTo("Success=1\n--\n\n");
        assertThat(AdminClient.send(address, "show backend")).isEqualTo("# name\nweb\ndb\n\n");
    }

    @Test
    void clientsConnectedAtOnceAreAllServed() throws Exception {
        List<CliTestClient> clients = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < StatsSocketServer.THREADS + 4; i++) {
                clients.add(new CliTestClient(server.localAddresses().get(0)));
            }
            for (CliTestClient c : clients) {
                c.send("show cli level\n");
            }
            for (CliTestClient c : clients) {
                assertThat(c.readToEof(Timeouts.READ)).isEqualTo("admin\n\n");
            }
        } finally {
            for (CliTestClient c : clients) {
                c.close();
            }
        }
    }
}
