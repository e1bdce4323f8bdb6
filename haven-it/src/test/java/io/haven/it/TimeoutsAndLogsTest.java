package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.EchoServer;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.NamedServers;
import io.haven.it.support.Net;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inactivity timeouts close idle connections; every connection is logged in HAProxy's tcplog format. */
class TimeoutsAndLogsTest {
    @TempDir
    static Path dir;
    static EchoServer echo;
    static NamedServers named;
    static DatagramSocket syslog;
    static HavenProcess haven;
    static int clientTimeoutPort;
    static int serverTimeoutPort;
    static int tcplogPort;
    static int plainPort;

    @BeforeAll
    static void start() throws Exception {
        echo = new EchoServer();
        named = new NamedServers("s1");
        syslog = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        syslog.setSoTimeout(10_000);
        clientTimeoutPort = Net.freePort();
        serverTimeoutPort = Net.freePort();
        tcplogPort = Net.freePort();
        plainPort = Net.freePort();
        Path cfg = dir.resolve("timeouts.cfg");
        Files.writeString(cfg, """
                global
                    log stdout format raw local0
                    log 127.0.0.1:%6$d local0 info
                defaults
                    mode tcp
                    log global
                    timeout connect 2s
                    timeout client 30s
                    timeout server 30s
                listen idle_client
                    bind 127.0.0.1:%1$d
                    option tcplog
                    timeout client 300ms
                    server echo 127.0.0.1:%5$d
                listen idle_server
                    bind 127.0.0.1:%2$d
                    option tcplog
                    timeout server 300ms
                    server echo 127.0.0.1:%5$d
                listen fe_tcplog
                    bind 127.0.0.1:%3$d
                    option tcplog
                    server s1 127.0.0.1:%7$d
                listen fe_plain
                    bind 127.0.0.1:%4$d
                    server s1 127.0.0.1:%7$d
                """.formatted(clientTimeoutPort, serverTimeoutPort, tcplogPort, plainPort, echo.port(),
                syslog.getLocalPort(), named.port(0)));
        haven = HavenProcess.start(dir, cfg, clientTimeoutPort, serverTimeoutPort, tcplogPort, plainPort);
    }

    @AfterAll
    static void stop() throws Exception {
        haven.close();
        echo.close();
        named.close();
        syslog.close();
    }

    @Test
    void anIdleClientIsDisconnectedAfterTimeoutClient() throws Exception {
        try (Socket s = new Socket("127.0.0.1", clientTimeoutPort)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write('x');
            assertThat(s.getInputStream().read()).isEqualTo('x');
            assertThat(s.getInputStream().read()).as("closed by haven when idle").isEqualTo(-1);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> haven.stdout().lines().anyMatch(
                l -> l.contains(" idle_client idle_client/echo ") && l.contains(" cD ")));
    }

    @Test
    void anIdleServerIsDisconnectedAfterTimeoutServer() throws Exception {
        try (Socket s = new Socket("127.0.0.1", serverTimeoutPort)) {
            s.setSoTimeout(10_000);
            s.getOutputStream().write('y');
            assertThat(s.getInputStream().read()).isEqualTo('y');
            assertThat(s.getInputStream().read()).isEqualTo(-1);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> haven.stdout().lines().anyMatch(
                l -> l.contains(" idle_server idle_server/echo ") && l.contains(" sD ")));
    }

    private static final Pattern TCPLOG = Pattern.compile(
            "127\\.0\\.0\\.1:\\d+ \\[\\d{2}/[A-Z][a-z]{2}/\\d{4}:\\d{2}:\\d{2}:\\d{2}\\.\\d{3}] fe_tcplog fe_tcplog/s1 "
                    + "0/\\d+/\\d+ 3 -- \\d+/\\d+/\\d+/\\d+/0 0/0");

    @Test
    void tcplogLinesFollowHaproxysFormatOnStdoutAndSyslog() throws Exception {
        assertThat(Net.exchange(tcplogPort, null)).isEqualTo("s1\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> haven.stdout().lines().anyMatch(l -> TCPLOG.matcher(l).matches()));
        // the same line reached the UDP syslog target, framed as RFC 3164 with facility local0, level info
        byte[] buf = new byte[2048];
        boolean seen = false;
        for (int i = 0; i < 50 && !seen; i++) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            syslog.receive(p);
            String msg = new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8);
            int colon = msg.indexOf("]: ");
            seen = msg.startsWith("<134>") && msg.contains(" haven[" + haven.pid() + "]: ")
                    && TCPLOG.matcher(msg.substring(colon + 3)).matches();
        }
        assertThat(seen).as("an RFC 3164 datagram with the tcplog line").isTrue();
    }

    @Test
    void withoutTcplogTheConnectionIsLoggedWhenItArrives() throws Exception {
        assertThat(Net.exchange(plainPort, null)).isEqualTo("s1\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> haven.stdout().lines().anyMatch(
                l -> l.matches("Connect from 127\\.0\\.0\\.1:\\d+ to 127\\.0\\.0\\.1:" + plainPort + " \\(fe_plain/TCP\\)")));
    }
}
