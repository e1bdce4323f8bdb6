package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.Greeting;
import io.haven.it.support.GreetingServer;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.HealthEndpoint;
import io.haven.it.support.Net;
import io.haven.it.support.ShowStat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code backup} servers, driven by HTTP checks of the active ones: backups get nothing while an
 * active server is UP; when every active server is DOWN only the first backup serves, or all of
 * them with {@code option allbackups}; and {@code on-marked-up shutdown-backup-sessions} closes
 * the backups' connections when an active server comes back.
 */
class BackupServersTest {
    private static final Duration STATE_CHANGE = Duration.ofSeconds(15);

    @TempDir
    static Path dir;
    static Path socket;
    static HavenProcess haven;
    static int firstPort;
    static int allPort;
    /** Data servers and their check services by server name; names are unique across both proxies. */
    static final Map<String, GreetingServer> data = new LinkedHashMap<>();
    static final Map<String, HealthEndpoint> health = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        for (String name : List.of("a1", "a2", "b1", "b2", "x1", "y1", "y2")) {
            data.put(name, GreetingServer.start(name));
            health.put(name, HealthEndpoint.start());
        }
        firstPort = Net.freePort();
        allPort = Net.freePort();
        socket = dir.resolve("haven.sock");
        Path cfg = dir.resolve("backup.cfg");
        Files.writeString(cfg, """
                global
                  stats socket %s level admin
                  log stdout format raw local0
                defaults
                  mode tcp
                  log global
                  timeout connect 1s
                  timeout client 10s
                  timeout server 10s
                  timeout check 2s
                  option httpchk GET /health
                listen first
                  bind 127.0.0.1:%d
                  default-server inter 200ms fall 2 rise 1
                  server a1 127.0.0.1:%d check port %d on-marked-up shutdown-backup-sessions
                  server a2 127.0.0.1:%d check port %d on-marked-up shutdown-backup-sessions
                  server b1 127.0.0.1:%d check port %d backup
                  server b2 127.0.0.1:%d check port %d backup
                listen all
                  bind 127.0.0.1:%d
                  option allbackups
                  default-server inter 200ms fall 2 rise 1
                  server x1 127.0.0.1:%d check port %d
                  server y1 127.0.0.1:%d check port %d backup
                  server y2 127.0.0.1:%d check port %d backup
                """.formatted(socket, firstPort,
                port("a1"), checkPort("a1"), port("a2"), checkPort("a2"),
                port("b1"), checkPort("b1"), port("b2"), checkPort("b2"),
                allPort, port("x1"), checkPort("x1"), port("y1"), checkPort("y1"), port("y2"), checkPort("y2")));
        haven = HavenProcess.start(dir, cfg, firstPort, allPort);
    }

    @AfterAll
    static void stop() throws Exception {
        if (haven != null) {
            haven.close();
        }
        for (HealthEndpoint h : health.values()) {
            h.close();
        }
        for (GreetingServer g : data.values()) {
            g.close();
        }
    }

    @BeforeEach
    void everyServerHealthy() {
        for (HealthEndpoint h : health.values()) {
            h.reset();
        }
        await("every server UP").atMost(STATE_CHANGE).until(() -> ShowStat.of(dir, socket), s ->
                List.of("a1", "a2", "b1", "b2").stream().allMatch(n -> s.get("first", n, "status").equals("UP"))
                        && List.of("x1", "y1", "y2").stream().allMatch(n -> s.get("all", n, "status").equals("UP")));
    }

    @Test
    void backupsGetNoTrafficWhileAnActiveServerIsUp() throws Exception {
        Map<String, Integer> before = accepted();
        assertThat(Greeting.ask(firstPort, 6)).containsOnly("a1", "a2").contains("a1", "a2");

        health.get("a1").answer(503);
        awaitStatus("first", "a1", "DOWN");
        assertThat(Greeting.ask(firstPort, 6)).containsOnly("a2");
        assertThat(accepted()).as("backups while a2 is UP")
                .containsEntry("b1", before.get("b1")).containsEntry("b2", before.get("b2"));
    }

    @Test
    void whenEveryActiveServerIsDownOnlyTheFirstBackupServes() throws Exception {
        health.get("a1").answer(503);
        health.get("a2").answer(503);
        awaitStatus("first", "a1", "DOWN");
        ShowStat down = awaitStatus("first", "a2", "DOWN");
        assertThat(down.get("first", "BACKEND", "act")).isEqualTo("0");

        int b2Before = data.get("b2").accepted();
        assertThat(Greeting.ask(firstPort, 6)).containsOnly("b1");
        assertThat(data.get("b2").accepted()).as("the second backup").isEqualTo(b2Before);

        health.get("a1").reset();
        awaitStatus("first", "a1", "UP");
        assertThat(Greeting.ask(firstPort, 4)).containsOnly("a1");
    }

    @Test
    void withAllbackupsEveryBackupSharesTheLoad() throws Exception {
        assertThat(Greeting.ask(allPort, 4)).containsOnly("x1");

        health.get("x1").answer(503);
        awaitStatus("all", "x1", "DOWN");
        assertThat(Greeting.ask(allPort, 6)).containsOnly("y1", "y2").contains("y1", "y2");

        health.get("y1").answer(503);
        awaitStatus("all", "y1", "DOWN");
        assertThat(Greeting.ask(allPort, 4)).containsOnly("y2");
    }

    @Test
    void anActiveServerComingBackUpShutsDownTheBackupSessions() throws Exception {
        health.get("a1").answer(503);
        health.get("a2").answer(503);
        awaitStatus("first", "a1", "DOWN");
        awaitStatus("first", "a2", "DOWN");

        try (Greeting.Held onBackup = Greeting.Held.open(firstPort)) {
            assertThat(onBackup.greeting()).isEqualTo("b1");
            assertThat(onBackup.echoes("ping")).isTrue();

            health.get("a2").reset();
            awaitStatus("first", "a2", "UP");
            await("backup session closed by haven").atMost(STATE_CHANGE).until(() -> onBackup.closedByPeer(200));
        }
        assertThat(Greeting.ask(firstPort, 4)).containsOnly("a2");
    }

    private static int port(String name) {
        return data.get(name).port();
    }

    private static int checkPort(String name) {
        return health.get(name).port();
    }

    private static Map<String, Integer> accepted() {
        Map<String, Integer> m = new LinkedHashMap<>();
        data.forEach((name, server) -> m.put(name, server.accepted()));
        return m;
    }

    private static ShowStat awaitStatus(String proxy, String server, String status) {
        return await(proxy + "/" + server + " " + status).atMost(STATE_CHANGE)
                .until(() -> ShowStat.of(dir, socket), s -> status.equals(s.get(proxy, server, "status")));
    }
}
