package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.ConnectionLoad;
import io.haven.it.support.EchoServer;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.NamedServers;
import io.haven.it.support.Net;
import io.haven.it.support.ShowStat;
import io.haven.it.support.StatsSocketClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloading the real program, by SIGHUP and by {@code haven reload}: the new file serves new
 * connections without one failing, an invalid file changes nothing and says why, operator state
 * and open connections survive, listeners come and go (a new one serves from its very first
 * connection), a reload completes while a listener is paused at its maxconn, and
 * {@code hard-stop-after} ends the connections of the old configuration.
 */
class ReloadTest {
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String DEFAULTS = """
            defaults
                mode tcp
                timeout connect 2s
                timeout client 20s
                timeout server 20s
            """;

    @TempDir
    Path dir;
    private final List<AutoCloseable> closeLast = new ArrayList<>();
    private HavenProcess haven;
    private Path cfg;
    private String adminSocket;
    /** Reloads a test made fail on purpose; any other failure stops {@link #awaitReloads}. */
    private int refusedReloads;

    @AfterEach
    void stop() throws Exception {
        if (haven != null) {
            haven.close();
        }
        for (AutoCloseable c : closeLast) {
            c.close();
        }
    }

    @Test
    void fiveReloadsUnderLoadLoseNoConnectionAndTheLastFileDecides() throws Exception {
        NamedServers servers = closeLater(new NamedServers("s1", "s2", "s3", "s4"));
        int port = Net.freePort();
        start(web(port, servers, "s1", "s2"), port);
        String[][] steps = {
            {"s1", "s2", "s3"},
            {"s1 weight 3", "s2", "s3"},
            {"s2", "s3"},
            {"s2 weight 2", "s3", "s4"},
            {"s2", "s3", "s4 weight 2"},
        };
        try (ConnectionLoad load = new ConnectionLoad(port, 3, Duration.ofSeconds(20), 4000)) {
            for (int i = 0; i < steps.length; i++) {
                awaitMoreTraffic(load, 25);
                write(web(port, servers, steps[i]));
                haven.signal("HUP");
                awaitReloads(i + 1);
            }
            awaitMoreTraffic(load, 25);
            load.close();
            assertThat(load.failures()).as("failed connections: %s", load.failureSamples()).isZero();
            assertThat(load.refused()).as("the listener was never closed").isZero();
            assertThat(load.successes()).isGreaterThanOrEqualTo(6 * 25);
            assertThat(load.answeredBy("s4")).as("the server added by the 4th reload served").isPositive();
        }
        int[] before = connections(servers, 4);
        // s2:s3:s4 weigh 1:1:2; 20 connections are 5 whole rounds of smooth weighted round robin
        assertThat(tally(names(port, 20))).isEqualTo(Map.of("s2", 5L, "s3", 5L, "s4", 10L));
        int[] after = connections(servers, 4);
        assertThat(after[0] - before[0]).as("s1, removed by the 3rd reload, gets nothing new").isZero();
        assertThat(after[3] - before[3]).isEqualTo(10);
        assertThat(haven.stderr()).doesNotContain("reload failed");
    }

    @Test
    void anInvalidFileOnSighupChangesNothingAndNamesFileAndLine() throws Exception {
        NamedServers servers = closeLater(new NamedServers("s1", "s2"));
        int port = Net.freePort();
        start(web(port, servers, "s1", "s2"), port);
        String invalid = web(port, servers, "s1") + "    bogus-keyword on\n";
        write(invalid);
        int line = Files.readAllLines(cfg).size();
        haven.signal("HUP");
        await("the reload is refused").atMost(WAIT).until(() -> haven.stderr().contains("reload failed"));
        refusedReloads++;
        assertThat(haven.stderr()).contains("reload failed, configuration unchanged", cfg + ":" + line,
                "'bogus-keyword'");
        assertThat(haven.stderr()).doesNotContain("reloaded: generation");

        int[] before = connections(servers, 2);
        assertThat(tally(names(port, 10))).as("s2, which the invalid file removes, still serves")
                .isEqualTo(Map.of("s1", 5L, "s2", 5L));
        int[] after = connections(servers, 2);
        assertThat(after[1] - before[1]).isEqualTo(5);

        write(web(port, servers, "s1"));
        haven.signal("HUP");
        awaitReloads(1);
        assertThat(names(port, 4)).containsOnly("s1");
    }

    @Test
    void havenReloadAppliesAValidFileAndRefusesAnInvalidOne() throws Exception {
        NamedServers servers = closeLater(new NamedServers("s1", "s2"));
        int port = Net.freePort();
        int userPort = Net.freePort();
        start(stats(userPort) + web(port, servers, "s1"), port, userPort);
        assertThat(names(port, 3)).containsOnly("s1");

        write(stats(userPort) + web(port, servers, "s1", "s2"));
        HavenProcess.Result ok = HavenProcess.run(dir, "reload", "-S", adminSocket);
        assertThat(ok.exitCode()).as(ok.stdout() + ok.stderr()).isZero();
        assertThat(ok.stdout()).startsWith("Success=1\n--\n");
        assertThat(tally(names(port, 4))).isEqualTo(Map.of("s1", 2L, "s2", 2L));

        String invalid = stats(userPort) + web(port, servers, "s1") + "    server s3 127.0.0.1:1 weight lots\n";
        write(invalid);
        int line = Files.readAllLines(cfg).size();
        HavenProcess.Result refused = HavenProcess.run(dir, "reload", "-S", adminSocket);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.stdout()).startsWith("Success=0\n--\n").contains(cfg + ":" + line, "'weight'");
        assertThat(haven.stderr()).contains("reload failed, configuration unchanged");
        assertThat(tally(names(port, 4))).isEqualTo(Map.of("s1", 2L, "s2", 2L));

        HavenProcess.Result user = HavenProcess.run(dir, "reload", "-S", "127.0.0.1:" + userPort);
        assertThat(user.exitCode()).as("a user-level socket may not reload").isEqualTo(1);
        assertThat(user.stdout()).contains("Permission denied");
    }

    @Test
    void operatorStateSurvivesAReload() throws Exception {
        NamedServers servers = closeLater(new NamedServers("s1", "s2", "s3"));
        int port = Net.freePort();
        int userPort = Net.freePort();
        start(stats(userPort) + web(port, servers, "s1", "s2"), port, userPort);
        assertThat(admin("disable server web/s1")).isEqualTo("\n");
        assertThat(admin("set server web/s2 weight 3")).isEqualTo("\n");

        write(stats(userPort) + web(port, servers, "s1", "s2", "s3"));
        haven.signal("HUP");
        awaitReloads(1);

        ShowStat csv = ShowStat.parse(admin("show stat"));
        assertThat(csv.get("web", "s1", "status")).isEqualTo("MAINT");
        assertThat(csv.get("web", "s3", "status")).isEqualTo("no check");
        assertThat(admin("get weight web/s2")).isEqualTo("3 (initial 1)\n\n");
        int s1 = servers.connections(0);
        assertThat(tally(names(port, 8))).isEqualTo(Map.of("s2", 6L, "s3", 2L));
        assertThat(servers.connections(0)).isEqualTo(s1);
    }

    @Test
    void aListenerAddedByReloadAcceptsAndARemovedOneRefuses() throws Exception {
        NamedServers servers = closeLater(new NamedServers("a", "b"));
        int kept = Net.freePort();
        int added = Net.freePort();
        String a = listen("a", kept, servers.port(0));
        String b = listen("b", added, servers.port(1));
        start(a, kept);
        assertThat(Net.accepts(added)).isFalse();

        write(a + b);
        haven.signal("HUP");
        awaitReloads(1);
        assertThat(Net.exchange(added, null)).isEqualTo("b\n");
        assertThat(Net.exchange(kept, null)).isEqualTo("a\n");

        write(a);
        haven.signal("HUP");
        awaitReloads(2);
        assertThatThrownBy(() -> new Socket("127.0.0.1", added).close()).isInstanceOf(ConnectException.class);
        assertThat(Net.exchange(kept, null)).isEqualTo("a\n");
    }

    @Test
    void aListenerAddedByReloadServesEvenItsFirstConnections() throws Exception {
        NamedServers servers = closeLater(new NamedServers("a", "b"));
        int kept = Net.freePort();
        int[] added = new int[10];
        StringBuilder b = new StringBuilder("listen b\n");
        for (int i = 0; i < added.length; i++) {
            added[i] = Net.freePort();
            b.append("    bind 127.0.0.1:").append(added[i]).append('\n');
        }
        b.append("    server b 127.0.0.1:").append(servers.port(1)).append('\n');
        String a = listen("a", kept, servers.port(0));
        start(a, kept);
        for (int round = 1; round <= 3; round++) {
            // clients knock on the first new address until it accepts: a connection accepted
            // there before the listener is ready for it must still be served
            try (ConnectionLoad load = new ConnectionLoad(added[0], 3, Duration.ofSeconds(20), 200_000)) {
                write(a + b);
                haven.signal("HUP");
                awaitReloads(2 * round - 1);
                awaitMoreTraffic(load, 30);
                load.close();
                assertThat(load.failures()).as("round %d: accepted but not served: %s", round, load.failureSamples())
                        .isZero();
                assertThat(load.answeredBy("b")).isEqualTo(load.successes());
            }
            write(a);
            haven.signal("HUP");
            awaitReloads(2 * round);
            assertThat(Net.accepts(added[0])).isFalse();
        }
        assertThat(haven.stderr()).doesNotContain("Exception");
    }

    @Test
    void aReloadWhileAListenerIsPausedAtMaxconnCompletesUnderLoad() throws Exception {
        // One event loop, and a listener paused at its maxconn: every connection that ends runs
        // the pause logic on the loop while the reload binds a new address on that same loop.
        EchoServer echo = closeLater(new EchoServer());
        NamedServers servers = closeLater(new NamedServers("s1"));
        int heldPort = Net.freePort();
        int port = Net.freePort();
        String base = "global\n    nbthread 1\n" + listen("held", heldPort, echo.port()) + "    maxconn 1\n"
                + listen("web", port, servers.port(0));
        start(base, heldPort, port);
        try (Socket held = new Socket("127.0.0.1", heldPort);
             ConnectionLoad load = new ConnectionLoad(port, 3, Duration.ofSeconds(20), 20_000)) {
            held.setSoTimeout(10_000);
            assertThat(echo(held, "hold")).isEqualTo("hold");
            StringBuilder extra = new StringBuilder();
            for (int i = 1; i <= 3; i++) {
                awaitMoreTraffic(load, 50);
                extra.append(listen("extra" + i, Net.freePort(), servers.port(0)));
                write(base + extra);
                haven.signal("HUP");
                awaitReloads(i);
            }
            awaitMoreTraffic(load, 50);
            load.close();
            assertThat(load.failures()).as("failed connections: %s", load.failureSamples()).isZero();
            assertThat(echo(held, "still")).isEqualTo("still");
        }
    }

    @Test
    void aConnectionOpenedBeforeAReloadKeepsWorkingAfterIt() throws Exception {
        EchoServer echo = closeLater(new EchoServer());
        NamedServers other = closeLater(new NamedServers("other"));
        int port = Net.freePort();
        int otherPort = Net.freePort();
        start(listen("echo", port, echo.port()), port);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            assertThat(echo(s, "before")).isEqualTo("before");

            write(listen("echo", port, echo.port()) + listen("other", otherPort, other.port(0)));
            haven.signal("HUP");
            awaitReloads(1);
            assertThat(Net.exchange(otherPort, null)).isEqualTo("other\n");

            assertThat(echo(s, "after")).isEqualTo("after");
            s.shutdownOutput();
            assertThat(Net.readAll(s.getInputStream())).isEqualTo("11 bytes\n");
        }
        assertThat(haven.stderr()).doesNotContain("hard-stop-after");
    }

    @Test
    void hardStopAfterClosesTheConnectionsOfTheOldConfiguration() throws Exception {
        EchoServer echo = closeLater(new EchoServer());
        int port = Net.freePort();
        String global = "global\n    hard-stop-after 1s\n";
        start(global + listen("echo", port, echo.port()), port);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            assertThat(echo(s, "before")).isEqualTo("before");
            s.setSoTimeout(200);

            write(global + listen("echo", port, echo.port()) + "    timeout server 25s\n");
            haven.signal("HUP");
            awaitReloads(1);
            await("haven closes the old connection").atMost(WAIT).until(() -> atEnd(s.getInputStream()));
        }
        assertThat(haven.stderr()).contains("hard-stop-after: closed 1 connection(s) of older generations");
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(10_000);
            assertThat(echo(s, "new")).as("connections of the new configuration are served").isEqualTo("new");
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    private void start(String body, int... ports) throws IOException {
        cfg = dir.resolve("haven.cfg");
        write(body);
        haven = HavenProcess.start(dir, cfg, ports);
    }

    /** Rewrites the file: {@code DEFAULTS} after the global section, if any, and before the proxies. */
    private void write(String body) throws IOException {
        int proxies = body.indexOf("listen ");
        Files.writeString(cfg, body.substring(0, proxies) + DEFAULTS + body.substring(proxies));
    }

    /** A global section with an admin unix socket in the test's directory and a user-level TCP socket. */
    private String stats(int userPort) {
        adminSocket = dir.resolve("admin.sock").toString();
        return "global\n    stats socket " + adminSocket + " level admin\n    stats socket 127.0.0.1:" + userPort
                + " level user\n";
    }

    private String admin(String command) throws IOException {
        return StatsSocketClient.exchange(adminSocket, command);
    }

    /** {@code listen web} balancing round robin over the named servers, each "name [options]". */
    private static String web(int port, NamedServers servers, String... specs) {
        StringBuilder b = new StringBuilder("listen web\n    bind 127.0.0.1:" + port + "\n    balance roundrobin\n");
        for (String spec : specs) {
            String name = spec.split(" ")[0];
            int index = Integer.parseInt(name.substring(1)) - 1;
            b.append("    server ").append(name).append(" 127.0.0.1:").append(servers.port(index))
                    .append(spec.substring(name.length())).append('\n');
        }
        return b.toString();
    }

    private static String listen(String name, int port, int serverPort) {
        return "listen " + name + "\n    bind 127.0.0.1:" + port + "\n    server " + name + " 127.0.0.1:" + serverPort + "\n";
    }

    /** Waits for the {@code n}th successful reload to be logged. */
    private void awaitReloads(int n) {
        await("reload " + n + " applied").atMost(WAIT).until(() -> {
            String err = haven.stderr();
            if (occurrences(err, "reload failed") > refusedReloads) {
                throw new AssertionError("reload failed:\n" + err);
            }
            return occurrences(err, "reloaded: generation ") >= n;
        });
    }

    private static int occurrences(String text, String word) {
        return text.split(Pattern.quote(word), -1).length - 1;
    }

    private static void awaitMoreTraffic(ConnectionLoad load, int more) {
        int target = load.successes() + more;
        await("load reaches " + target + " connections").atMost(WAIT)
                .until(() -> load.successes() >= target || !load.running());
        assertThat(load.successes()).as("failures: %s", load.failureSamples()).isGreaterThanOrEqualTo(target);
    }

    private static List<String> names(int port, int n) throws IOException {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            names.add(Net.exchange(port, null).strip());
        }
        return names;
    }

    private static Map<String, Long> tally(List<String> names) {
        return names.stream().collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }

    /** Connections each of the first {@code n} servers accepted so far. */
    private static int[] connections(NamedServers servers, int n) {
        int[] counts = new int[n];
        for (int i = 0; i < n; i++) {
            counts[i] = servers.connections(i);
        }
        return counts;
    }

    /** Sends {@code text} and reads as many bytes back. */
    private static String echo(Socket s, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        s.getOutputStream().write(bytes);
        s.getOutputStream().flush();
        byte[] back = s.getInputStream().readNBytes(bytes.length);
        return new String(back, StandardCharsets.US_ASCII);
    }

    /** True once a read returns the end of the stream; false while the connection is open and silent. */
    private static boolean atEnd(InputStream in) throws IOException {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    private <T extends AutoCloseable> T closeLater(T resource) {
        closeLast.add(resource);
        return resource;
    }
}
