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
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code option httpchk} against real HTTP check services whose answers change while the real
 * haven runs: a 5xx takes a server DOWN after {@code fall} checks and out of the balancing, a
 * 2xx brings it back, {@code http-check disable-on-404} turns a 404 into NOLB,
 * {@code http-check expect string} judges the body, and a plain TCP check of a closed port
 * takes a server DOWN with HAProxy's log line. Each behaviour has its own proxy in one haven.
 */
class HttpHealthCheckTest {
    private static final Duration STATE_CHANGE = Duration.ofSeconds(15);

    @TempDir
    static Path dir;
    static Path socket;
    static HavenProcess haven;
    static int webPort;
    static int nolbPort;
    static int expectPort;
    static int tcpPort;
    static GreetingServer s1;
    static GreetingServer s2;
    static GreetingServer n1;
    static GreetingServer n2;
    static GreetingServer e1;
    static GreetingServer t1;
    static GreetingServer t2;
    static HealthEndpoint s1Health;
    static HealthEndpoint s2Health;
    static HealthEndpoint n1Health;
    static HealthEndpoint n2Health;
    static HealthEndpoint e1Health;

    @BeforeAll
    static void start() throws Exception {
        s1 = GreetingServer.start("s1");
        s2 = GreetingServer.start("s2");
        n1 = GreetingServer.start("n1");
        n2 = GreetingServer.start("n2");
        e1 = GreetingServer.start("e1");
        t1 = GreetingServer.start("t1");
        t2 = GreetingServer.start("t2");
        t1.stop(); // its port is closed until the test opens it
        s1Health = HealthEndpoint.start();
        s2Health = HealthEndpoint.start();
        n1Health = HealthEndpoint.start();
        n2Health = HealthEndpoint.start();
        e1Health = HealthEndpoint.start();
        webPort = Net.freePort();
        nolbPort = Net.freePort();
        expectPort = Net.freePort();
        tcpPort = Net.freePort();
        socket = dir.resolve("haven.sock");
        Path cfg = dir.resolve("httpchk.cfg");
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
                listen web
                  bind 127.0.0.1:%d
                  option httpchk GET /health
                  default-server inter 200ms fall 2 rise 1
                  server s1 127.0.0.1:%d check port %d
                  server s2 127.0.0.1:%d check port %d
                listen nolb
                  bind 127.0.0.1:%d
                  option httpchk GET /health
                  http-check disable-on-404
                  default-server inter 200ms fall 2 rise 1
                  server n1 127.0.0.1:%d check port %d
                  server n2 127.0.0.1:%d check port %d
                listen expect
                  bind 127.0.0.1:%d
                  option httpchk GET /health
                  http-check expect string OK
                  server e1 127.0.0.1:%d check port %d inter 200ms fall 2 rise 1
                listen tcp
                  bind 127.0.0.1:%d
                  default-server inter 200ms fall 2 rise 2
                  server t1 127.0.0.1:%d check
                  server t2 127.0.0.1:%d check
                """.formatted(socket,
                webPort, s1.port(), s1Health.port(), s2.port(), s2Health.port(),
                nolbPort, n1.port(), n1Health.port(), n2.port(), n2Health.port(),
                expectPort, e1.port(), e1Health.port(),
                tcpPort, t1.port(), t2.port()));
        haven = HavenProcess.start(dir, cfg, webPort, nolbPort, expectPort, tcpPort);
    }

    @AfterAll
    static void stop() throws Exception {
        if (haven != null) {
            haven.close();
        }
        for (HealthEndpoint h : new HealthEndpoint[] {s1Health, s2Health, n1Health, n2Health, e1Health}) {
            if (h != null) {
                h.close();
            }
        }
        for (GreetingServer g : new GreetingServer[] {s1, s2, n1, n2, e1, t1, t2}) {
            if (g != null) {
                g.close();
            }
        }
    }

    @Test
    void serverAnswering503IsDownAfterFallChecksAndGetsNoTrafficUntil200BringsItBack() throws Exception {
        awaitStatus("web", "s1", "UP");
        ShowStat up = awaitStatus("web", "s2", "UP");
        assertThat(Greeting.ask(webPort, 4)).as("round robin over both").contains("s1", "s2");

        s1Health.answer(503);
        ShowStat down = awaitStatus("web", "s1", "DOWN");
        assertThat(down.get("web", "s1", "check_status")).isEqualTo("L7STS");
        assertThat(down.get("web", "s1", "check_code")).isEqualTo("503");
        // fall 2: the server fell from fully up through two failed checks, and went down once
        assertThat(down.number("web", "s1", "chkfail") - up.number("web", "s1", "chkfail")).isEqualTo(2);
        assertThat(down.number("web", "s1", "chkdown") - up.number("web", "s1", "chkdown")).isEqualTo(1);
        assertThat(down.get("web", "s2", "status")).isEqualTo("UP");

        int before = s1.accepted();
        assertThat(Greeting.ask(webPort, 6)).containsOnly("s2");
        assertThat(s1.accepted()).as("connections that reached s1 while DOWN").isEqualTo(before);
        await().atMost(STATE_CHANGE).until(haven::stdout,
                out -> out.contains("Server web/s1 is DOWN, reason: Layer7 wrong status, code: 503"));

        s1Health.answer(200);
        ShowStat back = awaitStatus("web", "s1", "UP");
        assertThat(back.get("web", "s1", "check_status")).isEqualTo("L7OK");
        assertThat(back.get("web", "s1", "check_code")).isEqualTo("200");
        assertThat(Greeting.ask(webPort, 4)).contains("s1", "s2");
        await().atMost(STATE_CHANGE).until(haven::stdout,
                out -> out.contains("Server web/s1 is UP, reason: Layer7 check passed, code: 200"));
    }

    @Test
    void disableOn404PutsTheServerInNolbKeepingItsConnectionsButGivingItNoNewOnes() throws Exception {
        awaitStatus("nolb", "n1", "UP");
        awaitStatus("nolb", "n2", "UP");
        Greeting.Held onN1 = Greeting.holdTo(nolbPort, "n1");
        try (onN1) {
            n1Health.answer(404);
            ShowStat nolb = awaitStatus("nolb", "n1", "NOLB");
            assertThat(nolb.get("nolb", "n1", "check_status")).isEqualTo("L7OKC");
            assertThat(nolb.get("nolb", "n1", "check_code")).isEqualTo("404");

            int before = n1.accepted();
            assertThat(Greeting.ask(nolbPort, 6)).containsOnly("n2");
            assertThat(n1.accepted()).as("new connections that reached n1 in NOLB").isEqualTo(before);
            assertThat(onN1.echoes("still here")).as("an established connection survives NOLB").isTrue();
            await().atMost(STATE_CHANGE).until(haven::stdout, out -> out.contains("Server nolb/n1 is stopping"));
        }

        n1Health.answer(200);
        assertThat(awaitStatus("nolb", "n1", "UP").get("nolb", "n1", "check_status")).isEqualTo("L7OK");
        assertThat(Greeting.ask(nolbPort, 4)).contains("n1", "n2");
    }

    @Test
    void expectStringJudgesTheBody() throws Exception {
        e1Health.answer(200, "all OK here");
        assertThat(awaitStatus("expect", "e1", "UP").get("expect", "e1", "check_status")).isEqualTo("L7OK");

        e1Health.answer(200, "warming up");
        ShowStat down = awaitStatus("expect", "e1", "DOWN");
        assertThat(down.get("expect", "e1", "check_status")).as("a 200 with the wrong body").isEqualTo("L7RSP");
        await().atMost(STATE_CHANGE).until(haven::stdout,
                out -> out.contains("Server expect/e1 is DOWN, reason: Layer7 invalid response"));

        e1Health.answer(200, "OK");
        awaitStatus("expect", "e1", "UP");
        assertThat(Greeting.ask(expectPort)).isEqualTo("e1");
    }

    @Test
    void tcpCheckOfAClosedPortIsLayer4ConnectionProblem() throws Exception {
        ShowStat down = awaitStatus("tcp", "t1", "DOWN");
        assertThat(down.get("tcp", "t1", "check_status")).isEqualTo("L4CON");
        assertThat(down.get("tcp", "t1", "check_code")).isEmpty();
        assertThat(down.get("tcp", "t2", "check_status")).isEqualTo("L4OK");
        await().atMost(STATE_CHANGE).until(haven::stdout, out -> out.contains(
                "Server tcp/t1 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\""));
        assertThat(Greeting.ask(tcpPort, 4)).containsOnly("t2");

        t1.restart();
        // rise 2: two passed checks, the first leaves it "DOWN 1/2"
        ShowStat up = awaitStatus("tcp", "t1", "UP");
        assertThat(up.get("tcp", "t1", "check_status")).isEqualTo("L4OK");
        assertThat(Greeting.ask(tcpPort, 4)).contains("t1", "t2");
    }

    private static ShowStat awaitStatus(String proxy, String server, String status) {
        return await(proxy + "/" + server + " " + status).atMost(STATE_CHANGE)
                .until(() -> ShowStat.of(dir, socket), s -> status.equals(s.get(proxy, server, "status")));
    }
}
