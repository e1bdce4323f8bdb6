package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.EchoServer;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.NamedServers;
import io.haven.it.support.Net;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each {@code balance} algorithm, through the real program, counted at the servers. */
class BalancingTest {
    @TempDir
    static Path dir;
    static NamedServers servers;
    static EchoServer echoA;
    static EchoServer echoB;
    static EchoServer firstA;
    static EchoServer firstB;
    static HavenProcess haven;
    static final Map<String, Integer> PORTS = new HashMap<>();

    @BeforeAll
    static void start() throws Exception {
        servers = new NamedServers("a", "b", "c");
        echoA = new EchoServer();
        echoB = new EchoServer();
        firstA = new EchoServer();
        firstB = new EchoServer();
        StringBuilder cfg = new StringBuilder("""
                defaults
                    mode tcp
                    timeout connect 2s
                    timeout client 30s
                    timeout server 30s
                """);
        for (String algo : List.of("roundrobin", "static-rr", "source", "random")) {
            int port = Net.freePort();
            PORTS.put(algo, port);
            cfg.append("listen ").append(algo.replace('-', '_')).append("\n    bind 127.0.0.1:").append(port)
                    .append("\n    balance ").append(algo)
                    .append("\n    server a 127.0.0.1:").append(servers.port(0)).append(" weight 2")
                    .append("\n    server b 127.0.0.1:").append(servers.port(1))
                    .append("\n    server c 127.0.0.1:").append(servers.port(2)).append(" weight 1\n");
        }
        for (String algo : List.of("leastconn", "first")) {
            int port = Net.freePort();
            PORTS.put(algo, port);
            boolean lc = algo.equals("leastconn");
            cfg.append("listen ").append(algo).append("\n    bind 127.0.0.1:").append(port)
                    .append("\n    balance ").append(algo)
                    .append("\n    server a 127.0.0.1:").append((lc ? echoA : firstA).port()).append(" maxconn 2")
                    .append("\n    server b 127.0.0.1:").append((lc ? echoB : firstB).port()).append(" maxconn 10\n");
        }
        Path file = dir.resolve("balance.cfg");
        Files.writeString(file, cfg.toString());
        haven = HavenProcess.start(dir, file, PORTS.values().stream().mapToInt(Integer::intValue).toArray());
    }

    @AfterAll
    static void stop() throws Exception {
        haven.close();
        servers.close();
        echoA.close();
        echoB.close();
        firstA.close();
        firstB.close();
    }

    private static Map<String, Integer> answers(String algo, int n) throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < n; i++) {
            counts.merge(Net.exchange(PORTS.get(algo), null).trim(), 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void roundrobinAndStaticRrShareByWeight() throws Exception {
        assertThat(answers("roundrobin", 40)).containsEntry("a", 20).containsEntry("b", 10).containsEntry("c", 10);
        assertThat(answers("static-rr", 40)).containsEntry("a", 20).containsEntry("b", 10).containsEntry("c", 10);
    }

    @Test
    void sourceKeepsOneClientOnOneServer() throws Exception {
        assertThat(answers("source", 20)).hasSize(1);
    }

    @Test
    void randomUsesEveryServer() throws Exception {
        assertThat(answers("random", 90)).containsOnlyKeys("a", "b", "c");
    }

    @Test
    void leastconnSendsNewConnectionsToTheLessLoadedServer() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            int a0 = echoA.accepted();
            int b0 = echoB.accepted();
            for (int i = 0; i < 6; i++) {
                held.add(new Socket("127.0.0.1", PORTS.get("leastconn")));
                int n = i + 1;
                await().atMost(Duration.ofSeconds(5)).until(() -> echoA.accepted() - a0 + echoB.accepted() - b0 == n);
            }
            // a is capped at maxconn 2, leastconn balances the rest: b ends with 4
            assertThat(echoA.accepted() - a0).isEqualTo(2);
            assertThat(echoB.accepted() - b0).isEqualTo(4);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void firstFillsTheFirstServerUpToMaxconnBeforeTheNext() throws Exception {
        List<Socket> held = new ArrayList<>();
        try {
            int a0 = firstA.accepted();
            int b0 = firstB.accepted();
            for (int i = 0; i < 2; i++) {
                held.add(new Socket("127.0.0.1", PORTS.get("first")));
                int n = i + 1;
                await().atMost(Duration.ofSeconds(5)).until(() -> firstA.accepted() - a0 == n);
            }
            assertThat(firstB.accepted() - b0).isZero();
            held.add(new Socket("127.0.0.1", PORTS.get("first")));
            await().atMost(Duration.ofSeconds(5)).until(() -> firstB.accepted() - b0 == 1);
            assertThat(firstA.accepted() - a0).isEqualTo(2);
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
