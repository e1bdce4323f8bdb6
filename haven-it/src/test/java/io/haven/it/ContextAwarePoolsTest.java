package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.Greeting;
import io.haven.it.support.GreetingServer;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.HealthEndpoint;
import io.haven.it.support.Net;
import io.haven.it.support.ShowStat;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GitHub's context-aware MySQL pools, run unchanged from their published configuration against
 * three "replicas" on 127.0.0.2, .3 and .4. Each replica has a data server answering its name
 * and an HTTP check service answering {@code /check-lag} (used by {@code mysql_ro_main}) and
 * {@code /ignore-lag} (used by {@code mysql_ro_backup}): 200 healthy, 503 lagging or broken,
 * 404 in maintenance. With fewer than two healthy replicas in the main pool, new clients go to
 * the backup pool, which ignores lag.
 */
class ContextAwarePoolsTest {
    private static final Duration STATE_CHANGE = Duration.ofSeconds(15);
    private static final String[] REPLICAS = {"replica-2", "replica-3", "replica-4"};
    private static final String MAIN = "mysql_ro_main";
    private static final String BACKUP = "mysql_ro_backup";

    @TempDir
    static Path dir;
    static Path socket;
    static HavenProcess haven;
    static int port;
    static final List<GreetingServer> data = new ArrayList<>();
    static final List<HealthEndpoint> checks = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        int dbPort = 0;
        int checkPort = 0;
        // one port number on three addresses: another process may hold it on one of them
        for (int attempt = 1; attempt <= 5 && checks.size() < REPLICAS.length; attempt++) {
            closeReplicas();
            dbPort = Net.freePort();
            checkPort = Net.freePort();
            try {
                for (int i = 0; i < REPLICAS.length; i++) {
                    String ip = "127.0.0." + (i + 2);
                    data.add(GreetingServer.start(REPLICAS[i], ip, dbPort));
                    checks.add(HealthEndpoint.start(InetAddress.getByName(ip), checkPort));
                }
            } catch (IOException portTaken) {
                if (attempt == 5) {
                    throw portTaken;
                }
            }
        }
        port = Net.freePort();
        socket = dir.resolve("haven.sock");
        Path cfg = dir.resolve("github.cfg");
        Files.writeString(cfg, GitHubSample.config(port, checkPort, dbPort));
        haven = HavenProcess.start(dir, Map.of("SOCKET", socket.toString(), "INTER", "200"), cfg, port);
    }

    @AfterAll
    static void stop() throws Exception {
        if (haven != null) {
            haven.close();
        }
        closeReplicas();
    }

    private static void closeReplicas() throws IOException {
        for (HealthEndpoint h : checks) {
            h.close();
        }
        for (GreetingServer g : data) {
            g.close();
        }
        checks.clear();
        data.clear();
    }

    @BeforeEach
    void allReplicasHealthy() {
        for (HealthEndpoint h : checks) {
            h.reset();
        }
        await("every replica UP in both pools").atMost(STATE_CHANGE)
                .until(() -> ShowStat.of(dir, socket), s -> {
                    for (String r : REPLICAS) {
                        if (!s.get(MAIN, r, "status").equals("UP") || !s.get(BACKUP, r, "status").equals("UP")) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    @Test
    void healthyReplicasShareTheClientsOfTheMainPool() throws Exception {
        ShowStat before = ShowStat.of(dir, socket);
        assertThat(Greeting.ask(port, 6)).containsOnly(REPLICAS).contains(REPLICAS);
        ShowStat after = ShowStat.of(dir, socket);
        assertThat(sessions(after, MAIN) - sessions(before, MAIN)).isEqualTo(6);
        assertThat(sessions(after, BACKUP) - sessions(before, BACKUP)).isZero();
    }

    @Test
    void twoLaggingReplicasSendNewClientsToTheBackupPoolThatIgnoresLag() throws Exception {
        checks.get(1).answer("/check-lag", 503);
        checks.get(2).answer("/check-lag", 503);
        ShowStat lagging = await("two replicas DOWN in the main pool").atMost(STATE_CHANGE)
                .until(() -> ShowStat.of(dir, socket), s -> s.get(MAIN, "replica-3", "status").equals("DOWN")
                        && s.get(MAIN, "replica-4", "status").equals("DOWN"));
        assertThat(lagging.get(MAIN, "replica-2", "status")).isEqualTo("UP");
        assertThat(lagging.get(MAIN, "replica-3", "check_code")).isEqualTo("503");
        for (String r : REPLICAS) {
            assertThat(lagging.get(BACKUP, r, "status")).as(BACKUP + "/" + r).isEqualTo("UP");
        }

        // nbsrv(mysql_ro_main) is 1 < 2: the backup pool, with all three replicas, takes new clients
        assertThat(Greeting.ask(port, 6)).contains(REPLICAS);
        ShowStat after = ShowStat.of(dir, socket);
        assertThat(sessions(after, BACKUP) - sessions(lagging, BACKUP)).isEqualTo(6);
        assertThat(sessions(after, MAIN) - sessions(lagging, MAIN)).isZero();

        checks.get(1).reset();
        checks.get(2).reset();
        ShowStat recovered = await("lagging replicas back in the main pool").atMost(STATE_CHANGE)
                .until(() -> ShowStat.of(dir, socket), s -> s.get(MAIN, "replica-3", "status").equals("UP")
                        && s.get(MAIN, "replica-4", "status").equals("UP"));
        assertThat(Greeting.ask(port, 6)).contains(REPLICAS);
        ShowStat last = ShowStat.of(dir, socket);
        assertThat(sessions(last, MAIN) - sessions(recovered, MAIN)).isEqualTo(6);
        assertThat(sessions(last, BACKUP) - sessions(recovered, BACKUP)).isZero();
    }

    @Test
    void aReplicaInMaintenanceLeavesBothPools() throws Exception {
        checks.get(2).answer(404);
        ShowStat maint = await("replica-4 NOLB in both pools").atMost(STATE_CHANGE)
                .until(() -> ShowStat.of(dir, socket), s -> s.get(MAIN, "replica-4", "status").equals("NOLB")
                        && s.get(BACKUP, "replica-4", "status").equals("NOLB"));
        assertThat(maint.get(MAIN, "replica-4", "check_status")).isEqualTo("L7OKC");

        int before = data.get(2).accepted();
        // two replicas remain in the main pool: enough, so it keeps the clients
        assertThat(Greeting.ask(port, 6)).containsOnly("replica-2", "replica-3").contains("replica-2", "replica-3");
        assertThat(data.get(2).accepted()).as("connections that reached replica-4 in maintenance").isEqualTo(before);
        ShowStat after = ShowStat.of(dir, socket);
        assertThat(sessions(after, MAIN) - sessions(maint, MAIN)).isEqualTo(6);

        checks.get(2).reset();
        await("replica-4 back").atMost(STATE_CHANGE).until(() -> ShowStat.of(dir, socket),
                s -> s.get(MAIN, "replica-4", "status").equals("UP") && s.get(BACKUP, "replica-4", "status").equals("UP"));
        assertThat(Greeting.ask(port, 6)).contains(REPLICAS);
    }

    @Test
    void aConnectionToAReplicaMarkedDownIsShutDown() throws Exception {
        try (Greeting.Held held = Greeting.Held.open(port);
             Greeting.Held bystander = Greeting.holdTo(port, differentFrom(held.greeting()))) {
            int lagging = indexOf(held.greeting());
            assertThat(held.echoes("ping")).isTrue();

            checks.get(lagging).answer("/check-lag", 503);
            await("replica marked down").atMost(STATE_CHANGE).until(() -> ShowStat.of(dir, socket),
                    s -> s.get(MAIN, held.greeting(), "status").equals("DOWN"));
            await("the held connection closed by haven").atMost(STATE_CHANGE).until(() -> held.closedByPeer(200));
            assertThat(bystander.echoes("still here")).as("a connection to a healthy replica survives").isTrue();
            await().atMost(STATE_CHANGE).until(haven::stdout, out -> out.contains(
                    "Server " + MAIN + "/" + held.greeting() + " is DOWN, reason: Layer7 wrong status, code: 503"));
        }
    }

    private static String differentFrom(String replica) {
        return replica.equals(REPLICAS[0]) ? REPLICAS[1] : REPLICAS[0];
    }

    private static int indexOf(String replica) {
        for (int i = 0; i < REPLICAS.length; i++) {
            if (REPLICAS[i].equals(replica)) {
                return i;
            }
        }
        throw new AssertionError("unknown replica " + replica);
    }

    /** Sessions a backend has taken since the start ({@code stot} of its BACKEND line). */
    private static long sessions(ShowStat s, String backend) {
        return s.number(backend, "BACKEND", "stot");
    }
}
