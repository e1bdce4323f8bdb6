package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.EchoServer;
import io.haven.it.support.HavenProcess;
import io.haven.it.support.NamedServers;
import io.haven.it.support.Net;
import io.haven.it.support.ShowStat;
import io.haven.it.support.StatsSocketClient;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime API of the real program, over its stats sockets as operators reach them: with
 * {@code haven ctl}, with a raw exchange as {@code socat} makes one, and interactively. Each
 * test drives its own {@code listen} section, so the tests do not depend on each other's order.
 */
class RuntimeApiTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    static HavenProcess haven;
    static String adminSocket;
    static String userSocket;
    static EchoServer echo;
    static NamedServers count;
    static NamedServers maint;
    static NamedServers drain;
    static NamedServers wrr;
    static int countPort;
    static int maintPort;
    static int drainPort;
    static int wrrPort;
    static int echoPort;

    @BeforeAll
    static void start() throws Exception {
        echo = new EchoServer();
        count = new NamedServers("s1", "s2");
        maint = new NamedServers("s1", "s2");
        drain = new NamedServers("s1", "s2");
        wrr = new NamedServers("s1", "s2");
        countPort = Net.freePort();
        maintPort = Net.freePort();
        drainPort = Net.freePort();
        wrrPort = Net.freePort();
        echoPort = Net.freePort();
        int healthPort = Net.freePort();
        int closedPort = Net.freePort(); // nothing listens there: its health check fails
        int userPort = Net.freePort();
        adminSocket = dir.resolve("admin.sock").toString();
        userSocket = "127.0.0.1:" + userPort;
        Path cfg = dir.resolve("haven.cfg");
        Files.writeString(cfg, """
                global
                    stats socket %s level admin
                    stats socket %s level user
                defaults
                    mode tcp
                    timeout connect 2s
                    timeout client 10s
                    timeout server 10s
                %s%s%s%s
                listen health
                    bind 127.0.0.1:%d
                    server s1 127.0.0.1:%d check inter 200 fall 1 rise 1
                listen echo
                    bind 127.0.0.1:%d
                    server echo 127.0.0.1:%d
                """.formatted(adminSocket, userSocket, pair("count", countPort, count), pair("maint", maintPort, maint),
                pair("drain", drainPort, drain), pair("wrr", wrrPort, wrr), healthPort, closedPort, echoPort,
                echo.port()));
        haven = HavenProcess.start(dir, cfg, countPort, maintPort, drainPort, wrrPort, healthPort, echoPort, userPort);
        await("admin socket").atMost(WAIT).until(() -> Files.exists(Path.of(adminSocket)));
    }

    private static String pair(String name, int port, NamedServers servers) {
        return """
                listen %s
                    bind 127.0.0.1:%d
                    balance roundrobin
                    server s1 127.0.0.1:%d
                    server s2 127.0.0.1:%d
                """.formatted(name, port, servers.port(0), servers.port(1));
    }

    @AfterAll
    static void stop() throws Exception {
        if (haven != null) {
            haven.close();
        }
        for (AutoCloseable c : new AutoCloseable[] {count, maint, drain, wrr, echo}) {
            if (c != null) {
                c.close();
            }
        }
    }

    @Test
    void showInfoNamesTheProcessAndCountsOpenConnections() throws Exception {
        HavenProcess.Result r = ctl("show info");
        assertThat(r.stdout()).startsWith("Name: Haven\n").contains("\nPid: " + haven.pid() + "\n")
                .contains("\nCurrConns: ", "\nCumConns: ", "\nUptime_sec: ").endsWith("\n\n");
        try (Socket held = new Socket("127.0.0.1", echoPort)) {
            held.setSoTimeout(10_000);
            held.getOutputStream().write('x');
            assertThat(held.getInputStream().read()).isEqualTo('x');
            await("CurrConns counts the open connection").atMost(WAIT).until(() -> info().get("CurrConns"), "1"::equals);
        }
        await("CurrConns drops when it closes").atMost(WAIT).until(() -> info().get("CurrConns"), "0"::equals);
        assertThat(Long.parseLong(info().get("CumConns"))).isPositive();
        assertThat(info().get("Pid")).isEqualTo(Long.toString(haven.pid()));
    }

    @Test
    void showStatIsHaproxysCsvAndCountsTheConnectionsMade() throws Exception {
        // start-up probed the port once: count from what the counters say now
        ShowStat before = stat();
        long fe = before.getLong("count", "FRONTEND", "stot");
        long s1 = before.getLong("count", "s1", "stot");
        long s2 = before.getLong("count", "s2", "stot");
        int served = count.connections(0) + count.connections(1);
        assertThat(tally(names(countPort, 6))).isEqualTo(Map.of("s1", 3L, "s2", 3L));
        await("counters of the 6 connections").atMost(WAIT).until(() -> {
            ShowStat s = stat();
            return s.getLong("count", "FRONTEND", "stot") == fe + 6 && s.getLong("count", "BACKEND", "stot") == fe + 6
                    && s.getLong("count", "FRONTEND", "scur") == 0;
        });
        String out = ctl("show stat").stdout();
        assertThat(out).startsWith("# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,"
                + "eresp,wretr,wredis,status,weight,act,bck,").endsWith("\n\n");
        ShowStat csv = ShowStat.parse(out);
        assertThat(csv.rectangular()).as(out).isTrue();
        assertThat(csv.rowNames()).containsSubsequence("count,FRONTEND", "count,s1", "count,s2", "count,BACKEND",
                "maint,FRONTEND", "maint,s1", "maint,s2", "maint,BACKEND");
        assertThat(csv.getLong("count", "FRONTEND", "stot")).isEqualTo(fe + 6);
        assertThat(csv.getLong("count", "s1", "stot")).isEqualTo(s1 + 3);
        assertThat(csv.getLong("count", "s2", "stot")).isEqualTo(s2 + 3);
        assertThat(csv.getLong("count", "BACKEND", "stot")).isEqualTo(fe + 6);
        assertThat(csv.get("count", "FRONTEND", "status")).isEqualTo("OPEN");
        assertThat(csv.get("count", "s1", "status")).isEqualTo("no check");
        assertThat(csv.get("count", "BACKEND", "status")).isEqualTo("UP");
        assertThat(csv.get("count", "s1", "addr")).isEqualTo("127.0.0.1:" + count.port(0));
        assertThat(csv.get("count", "BACKEND", "algo")).isEqualTo("roundrobin");
        assertThat(count.connections(0) + count.connections(1)).isEqualTo(served + 6);
    }

    @Test
    void disableServerPutsItInMaintenanceAndEnableServerBringsItBack() throws Exception {
        HavenProcess.Result disabled = ctl("disable server maint/s1");
        assertThat(disabled.stdout()).isEqualTo("\n");
        try {
            assertThat(status("maint", "s1")).isEqualTo("MAINT");
            assertThat(serverState("maint", "s1").get("srv_admin_state")).isEqualTo("1");
            int s1 = maint.connections(0);
            int s2 = maint.connections(1);
            assertThat(names(maintPort, 10)).containsOnly("s2");
            assertThat(maint.connections(0)).isEqualTo(s1);
            assertThat(maint.connections(1)).isEqualTo(s2 + 10);
        } finally {
            assertThat(admin("enable server maint/s1")).isEqualTo("\n");
        }
        assertThat(status("maint", "s1")).isEqualTo("no check");
        assertThat(serverState("maint", "s1").get("srv_admin_state")).isEqualTo("0");
        int s1 = maint.connections(0);
        assertThat(tally(names(maintPort, 10))).isEqualTo(Map.of("s1", 5L, "s2", 5L));
        assertThat(maint.connections(0)).isEqualTo(s1 + 5);
    }

    @Test
    void aDrainingServerGetsNoNewConnections() throws Exception {
        assertThat(admin("set server drain/s2 state drain")).isEqualTo("\n");
        try {
            assertThat(status("drain", "s2")).isEqualTo("DRAIN");
            assertThat(stat().get("drain", "s2", "weight")).isEqualTo("0");
            assertThat(serverState("drain", "s2").get("srv_admin_state")).isEqualTo("8");
            int s2 = drain.connections(1);
            assertThat(names(drainPort, 10)).containsOnly("s1");
            assertThat(drain.connections(1)).isEqualTo(s2);
        } finally {
            assertThat(admin("set server drain/s2 state ready")).isEqualTo("\n");
        }
        assertThat(status("drain", "s2")).isEqualTo("no check");
        assertThat(tally(names(drainPort, 10))).isEqualTo(Map.of("s1", 5L, "s2", 5L));
    }

    @Test
    void weightsSetAtRunTimeShapeRoundRobinExactly() throws Exception {
        try {
            assertThat(admin("set server wrr/s2 weight 3")).isEqualTo("\n");
            assertThat(admin("get weight wrr/s2")).isEqualTo("3 (initial 1)\n\n");
            assertThat(stat().get("wrr", "s2", "weight")).isEqualTo("3");
            int s1 = wrr.connections(0);
            int s2 = wrr.connections(1);
            // smooth weighted round robin: exactly 1:3 over any multiple of the total weight
            assertThat(tally(names(wrrPort, 40))).isEqualTo(Map.of("s1", 10L, "s2", 30L));
            assertThat(wrr.connections(0) - s1).isEqualTo(10);
            assertThat(wrr.connections(1) - s2).isEqualTo(30);

            assertThat(admin("set server wrr/s2 weight 0")).isEqualTo("\n");
            assertThat(names(wrrPort, 8)).containsOnly("s1");
            assertThat(admin("set weight wrr/s2 200%")).isEqualTo("\n");
            assertThat(admin("get weight wrr/s2")).isEqualTo("2 (initial 1)\n\n");
            assertThat(tally(names(wrrPort, 30))).isEqualTo(Map.of("s1", 10L, "s2", 20L));
        } finally {
            admin("set server wrr/s2 weight 1");
        }
        assertThat(tally(names(wrrPort, 10))).isEqualTo(Map.of("s1", 5L, "s2", 5L));
    }

    @Test
    void disableHealthShowsNoCheckForAServerWhosePortIsClosed() throws Exception {
        await("health/s1 found down by its check").atMost(WAIT).until(() -> status("health", "s1"), st -> st.startsWith("DOWN"));
        assertThat(stat().get("health", "s1", "check_status")).isEqualTo("L4CON");
        assertThat(admin("disable health health/s1")).isEqualTo("\n");
        try {
            assertThat(status("health", "s1")).isEqualTo("no check");
            assertThat(stat().get("health", "BACKEND", "status")).isEqualTo("UP");
            assertThat(serverState("health", "s1").get("srv_check_state")).isEqualTo("2"); // configured, not enabled
        } finally {
            assertThat(admin("enable health health/s1")).isEqualTo("\n");
        }
        await("health/s1 down again").atMost(WAIT).until(() -> status("health", "s1"), st -> st.startsWith("DOWN"));
        assertThat(admin("enable health count/s1"))
                .isEqualTo("Health checks are not configured on this server, cannot enable.\n\n");
    }

    @Test
    void showServersStateAndShowBackendListWhatRuns() throws Exception {
        String out = admin("show servers state");
        List<String> lines = Arrays.asList(out.split("\n"));
        assertThat(lines.get(0)).isEqualTo("1");
        assertThat(lines.get(1)).startsWith("# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state"
                + " srv_uweight srv_iweight srv_time_since_last_change srv_check_status srv_check_result");
        List<String> servers = new ArrayList<>();
        for (String line : lines.subList(2, lines.size())) {
            String[] f = line.split(" ");
            servers.add(f[1] + "/" + f[3]);
        }
        assertThat(servers).containsExactly("count/s1", "count/s2", "maint/s1", "maint/s2", "drain/s1", "drain/s2",
                "wrr/s1", "wrr/s2", "health/s1", "echo/echo");
        Map<String, String> s2 = serverState("count", "s2");
        assertThat(s2).containsEntry("srv_addr", "127.0.0.1").containsEntry("srv_port", Integer.toString(count.port(1)))
                .containsEntry("srv_op_state", "2").containsEntry("srv_admin_state", "0")
                .containsEntry("srv_uweight", "1").containsEntry("srv_iweight", "1");
        assertThat(admin("show servers state count").split("\n")).hasSize(4);
        assertThat(admin("show servers state nope")).isEqualTo("Can't find backend.\n\n");
        assertThat(admin("show backend")).isEqualTo("# name\ncount\nmaint\ndrain\nwrr\nhealth\necho\n\n");
    }

    @Test
    void commandsSeparatedBySemicolonsAnswerInOrder() throws Exception {
        assertThat(admin("show cli level; show backend;get weight count/s1"))
                .isEqualTo("admin\n\n# name\ncount\nmaint\ndrain\nwrr\nhealth\necho\n\n1 (initial 1)\n\n");
        assertThat(ctl("show cli level;show cli level").stdout()).isEqualTo("admin\n\nadmin\n\n");
    }

    @Test
    void mistakesAreAnsweredWithHaproxysTexts() throws Exception {
        String unknown = admin("bogus");
        assertThat(unknown).startsWith("Unknown command: 'bogus'")
                .contains("  show stat ", "  disable server ", "  quit ").endsWith("\n\n");
        assertThat(admin("show bogus")).startsWith("Unknown command: 'show'").contains("  show info ");
        assertThat(admin("disable server nope/s1")).isEqualTo("No such backend.\n\n");
        assertThat(admin("disable server maint/nope")).isEqualTo("No such server.\n\n");
        assertThat(admin("disable server maint")).isEqualTo("Require 'backend/server'.\n\n");
        assertThat(admin("set server wrr/s1 weight 999"))
                .isEqualTo("Absolute weight can only be between 0 and 256 inclusive.\n\n");
        assertThat(admin("set server wrr/s1 state asleep"))
                .isEqualTo("'set server <srv> state' expects 'ready', 'drain' and 'maint'.\n\n");
        // a mistake in the middle of a line does not stop the commands after it
        assertThat(admin("disable server nope/s1; show cli level")).isEqualTo("No such backend.\n\nadmin\n\n");
        assertThat(status("maint", "s1")).isEqualTo("no check");
        assertThat(haven.isAlive()).isTrue();
    }

    @Test
    void aUserLevelSocketMayReadButNotChange() throws Exception {
        assertThat(StatsSocketClient.exchange(userSocket, "show cli level")).isEqualTo("user\n\n");
        assertThat(StatsSocketClient.exchange(userSocket, "disable server maint/s2")).isEqualTo("Permission denied\n\n");
        assertThat(StatsSocketClient.exchange(userSocket, "set server wrr/s1 weight 0")).isEqualTo("Permission denied\n\n");
        assertThat(StatsSocketClient.exchange(userSocket, "reload")).isEqualTo("Permission denied\n\n");
        assertThat(status("maint", "s2")).isEqualTo("no check");
        assertThat(admin("get weight wrr/s1")).isEqualTo("1 (initial 1)\n\n");

        String out = StatsSocketClient.exchange(userSocket, "show stat");
        ShowStat csv = ShowStat.parse(out);
        assertThat(csv.rowNames()).contains("maint,FRONTEND", "maint,s2", "maint,BACKEND");
        assertThat(csv.get("maint", "s2", "status")).isEqualTo("no check");
        assertThat(csv.get("maint", "s2", "addr")).as("addresses are for operators and admins").isEmpty();
        assertThat(ctlAt(userSocket, "show info").stdout()).contains("Pid: " + haven.pid() + "\n");
    }

    @Test
    void interactiveModeServesSeveralCommandsOnOneConnectionUntilQuit() throws Exception {
        try (StatsSocketClient c = StatsSocketClient.connect(adminSocket)) {
            c.send("prompt");
            assertThat(c.readUntil("> ")).isEqualTo("\n> ");
            c.send("show cli level");
            assertThat(c.readUntil("\n> ")).isEqualTo("admin\n\n> ");
            c.send("show backend");
            assertThat(c.readUntil("\n> ")).isEqualTo("# name\ncount\nmaint\ndrain\nwrr\nhealth\necho\n\n> ");
            c.send("get weight count/s2; show cli level");
            assertThat(c.readUntil("\n> ")).isEqualTo("1 (initial 1)\n\n> ");
            assertThat(c.readUntil("\n> ")).isEqualTo("admin\n\n> ");
            c.send("user");
            assertThat(c.readUntil("\n> ")).isEqualTo("\n> ");
            c.send("disable server maint/s2");
            assertThat(c.readUntil("\n> ")).isEqualTo("Permission denied\n\n> ");
            c.send("show cli level");
            assertThat(c.readUntil("\n> ")).isEqualTo("user\n\n> ");
            c.send("quit");
            assertThat(c.readToEnd()).isEmpty();
        }
        assertThat(status("maint", "s2")).isEqualTo("no check");
        assertThat(admin("show cli level")).as("the level was lowered for that conversation only").isEqualTo("admin\n\n");
    }

    // --- helpers -------------------------------------------------------------------------------

    private static String admin(String command) throws IOException {
        return StatsSocketClient.exchange(adminSocket, command);
    }

    private static HavenProcess.Result ctl(String command) throws Exception {
        return ctlAt(adminSocket, command);
    }

    private static HavenProcess.Result ctlAt(String socket, String command) throws Exception {
        HavenProcess.Result r = HavenProcess.run(dir, "ctl", "-S", socket, command);
        assertThat(r.exitCode()).as(r.stderr()).isZero();
        return r;
    }

    private static Map<String, String> info() throws IOException {
        return Arrays.stream(admin("show info").split("\n")).filter(l -> l.contains(": "))
                .collect(Collectors.toMap(l -> l.substring(0, l.indexOf(": ")), l -> l.substring(l.indexOf(": ") + 2)));
    }

    private static ShowStat stat() throws IOException {
        return ShowStat.parse(admin("show stat"));
    }

    private static String status(String proxy, String server) throws IOException {
        return stat().get(proxy, server, "status");
    }

    /** One row of {@code show servers state BACKEND}, by the names of its header. */
    private static Map<String, String> serverState(String backend, String server) throws IOException {
        String[] lines = admin("show servers state " + backend).split("\n");
        String[] names = lines[1].substring(2).split(" ");
        for (int i = 2; i < lines.length; i++) {
            String[] f = lines[i].split(" ");
            if (f[3].equals(server)) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int c = 0; c < names.length; c++) {
                    row.put(names[c], f[c]);
                }
                return row;
            }
        }
        throw new AssertionError("no " + backend + "/" + server + " in show servers state");
    }

    /** {@code n} connections one after the other; the name of the server that answered each. */
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
}
