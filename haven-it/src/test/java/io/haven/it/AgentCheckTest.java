package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.AgentServer;
import io.haven.it.support.Greeting;
import io.haven.it.support.GreetingServer;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import io.haven.it.support.ShowStat;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code agent-check} against a real agent whose answer the test switches: {@code drain},
 * {@code maint}, {@code ready}, {@code N%}, {@code down} and {@code up} move the server as
 * HAProxy's agent protocol says, seen in {@code show stat} and in where new connections go.
 * {@code s1} has the agent; {@code s2}, without one, takes what {@code s1} may not.
 */
class AgentCheckTest {
    private static final Duration STATE_CHANGE = Duration.ofSeconds(15);

    @TempDir
    static Path dir;
    static Path socket;
    static HavenProcess haven;
    static int port;
    static GreetingServer s1;
    static GreetingServer s2;
    static AgentServer agent;

    @BeforeAll
    static void start() throws Exception {
        s1 = GreetingServer.start("s1");
        s2 = GreetingServer.start("s2");
        agent = new AgentServer();
        port = Net.freePort();
        socket = dir.resolve("haven.sock");
        Path cfg = dir.resolve("agent.cfg");
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
                listen app
                  bind 127.0.0.1:%d
                  balance roundrobin
                  default-server inter 200ms fall 2 rise 1 weight 100
                  server s1 127.0.0.1:%d check agent-check agent-port %d agent-inter 200ms
                  server s2 127.0.0.1:%d check
                """.formatted(socket, port, s1.port(), agent.port(), s2.port()));
        haven = HavenProcess.start(dir, cfg, port);
    }

    @AfterAll
    static void stop() throws Exception {
        if (haven != null) {
            haven.close();
        }
        if (agent != null) {
            agent.close();
        }
        if (s1 != null) {
            s1.close();
        }
        if (s2 != null) {
            s2.close();
        }
    }

    @BeforeEach
    void agentSaysReadyAtFullWeight() {
        agent.answer("up ready 100%");
        awaitS1("UP at weight 100",
                st -> st.get("app", "s1", "status").equals("UP") && st.get("app", "s1", "weight").equals("100"));
    }

    @Test
    void drainKeepsTheServerUpWithoutNewConnectionsUntilReady() throws Exception {
        agent.answer("drain");
        ShowStat drain = awaitS1("DRAIN", st -> st.get("app", "s1", "status").equals("DRAIN"));
        assertThat(drain.get("app", "s1", "weight")).isEqualTo("0");

        // judged by the answers: s1's accept count also sees the health checks' connections
        assertThat(Greeting.ask(port, 4)).containsOnly("s2");

        agent.answer("ready");
        awaitS1("UP", st -> st.get("app", "s1", "status").equals("UP"));
        assertThat(Greeting.ask(port, 4)).contains("s1", "s2");
    }

    @Test
    void maintTakesTheServerOutUntilReady() throws Exception {
        agent.answer("maint");
        awaitS1("MAINT", st -> st.get("app", "s1", "status").equals("MAINT"));
        // judged by the answers: s1's accept count also sees the health checks' connections
        assertThat(Greeting.ask(port, 4)).containsOnly("s2");

        agent.answer("ready");
        awaitS1("UP", st -> st.get("app", "s1", "status").equals("UP"));
        assertThat(Greeting.ask(port, 4)).contains("s1", "s2");
    }

    @Test
    void aPercentageScalesTheConfiguredWeight() throws Exception {
        agent.answer("50%");
        ShowStat half = awaitS1("weight 50", st -> st.get("app", "s1", "weight").equals("50"));
        assertThat(half.get("app", "s1", "status")).isEqualTo("UP");
        assertThat(half.get("app", "s1", "uweight")).isEqualTo("50");
        assertThat(half.get("app", "BACKEND", "weight")).as("50 + 100").isEqualTo("150");

        List<String> names = Greeting.ask(port, 30);
        int toS1 = Collections.frequency(names, "s1");
        assertThat(toS1).as("s1 at half the weight of s2, in " + names).isPositive()
                .isLessThan(Collections.frequency(names, "s2"));
    }

    @Test
    void downAndUpDriveTheOperationalState() throws Exception {
        agent.answer("down # disk full");
        ShowStat down = awaitS1("DOWN", st -> st.get("app", "s1", "status").equals("DOWN"));
        assertThat(down.get("app", "s1", "check_status")).as("the regular check still passes").isEqualTo("L4OK");
        // judged by the answers: s1's accept count also sees the health checks' connections
        assertThat(Greeting.ask(port, 4)).containsOnly("s2");
        await().atMost(STATE_CHANGE).until(haven::stdout, out -> out.lines()
                .anyMatch(l -> l.startsWith("Server app/s1 is DOWN, reason: ") && l.contains("disk full")));

        agent.answer("up");
        awaitS1("UP", st -> st.get("app", "s1", "status").equals("UP"));
        assertThat(Greeting.ask(port, 4)).contains("s1", "s2");
    }

    private static ShowStat awaitS1(String what, Predicate<ShowStat> condition) {
        return await("app/s1 " + what).atMost(STATE_CHANGE).until(() -> ShowStat.of(dir, socket), condition);
    }
}
