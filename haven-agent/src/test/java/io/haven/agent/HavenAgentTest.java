package io.haven.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The whole agent in-process against MySQL addresses that misbehave at the TCP level: nothing
 * listening, and a server that accepts but never greets. The answers must come at once, say
 * why, and stalled HTTP clients must not hold the service.
 */
class HavenAgentTest {
    static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    static AgentSettings settings(int mysqlPort) {
        return new AgentSettings(ANY_LOOPBACK, new InetSocketAddress("127.0.0.1", mysqlPort), "haven", "pw",
                null, null, null, Duration.ofMillis(100));
    }

    static int refusedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    static String get(InetSocketAddress agent, String path) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(agent, 2000);
            s.setSoTimeout(3000);
            s.getOutputStream().write(("GET " + path + " HTTP/1.0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            s.getInputStream().transferTo(b);
            return b.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void nothingListeningOnTheMysqlPortIs503WithTheReason() throws IOException {
        try (HavenAgent agent = HavenAgent.start(settings(refusedPort()))) {
            String answer = await().atMost(Duration.ofSeconds(10)).until(() -> get(agent.address(), "/ignore-lag"),
                    r -> r.contains("cannot connect to 127.0.0.1:"));
            assertThat(answer).startsWith("HTTP/1.1 503 ").contains("MySQL unavailable: cannot connect to 127.0.0.1:");
            assertThat(agent.latest().role()).isEqualTo(Measurement.Role.UNREACHABLE);
        }
    }

    @Test
    void aMysqlThatNeverGreetsIsAnsweredAtOnceAndCountsAsUnknown() throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             HavenAgent agent = HavenAgent.start(settings(silent.getLocalPort()))) {
            assertThat(get(agent.address(), "/check-lag")).startsWith("HTTP/1.1 503 ");
            String later = await().atMost(Duration.ofSeconds(10)).until(() -> get(agent.address(), "/check-lag"),
                    r -> !r.contains("no measurement yet"));
            assertThat(later).startsWith("HTTP/1.1 503 ").contains("MySQL unavailable: cannot connect to 127.0.0.1:");
        }
    }

    @Test
    void stalledClientsDoNotHoldTheServiceAndAreCutOff() throws IOException {
        try (HavenAgent agent = HavenAgent.start(settings(refusedPort()))) {
            List<Socket> stalled = new ArrayList<>();
            try {
                for (int i = 0; i < CheckServer.THREADS - 1; i++) {
                    Socket s = new Socket();
                    s.connect(agent.address(), 2000);
                    s.getOutputStream().write("GET /check-lag HTTP/1.0\r\n".getBytes(StandardCharsets.ISO_8859_1));
                    stalled.add(s);
                }
                assertThat(get(agent.address(), "/check-lag")).startsWith("HTTP/1.1 503 ");
                Socket first = stalled.get(0);
                first.setSoTimeout(200);
                await("the stalled connection closed by the agent")
                        .atMost(Duration.ofSeconds(CheckServer.MAX_REQUEST_SECONDS * 3L))
                        .until(() -> closedByPeer(first.getInputStream()));
                assertThat(get(agent.address(), "/master")).startsWith("HTTP/1.1 503 ");
            } finally {
                for (Socket s : stalled) {
                    s.close();
                }
            }
        }
    }

    private static boolean closedByPeer(InputStream in) throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
