package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.HavenProcess;
import io.haven.it.support.MariaDbServer;
import io.haven.it.support.Net;
import io.haven.it.support.ShowStat;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code option mysql-check user NAME} run by the real haven against a real MariaDB, seen as an
 * operator sees it: {@code show stat}, the log and where clients go. A user created for
 * 127.0.0.1 without a password keeps the server UP (L7OK) and clients reach MariaDB through
 * haven; an unknown user takes it DOWN (L7STS, MySQL error 1045); a stopped mariadbd is a
 * layer-4 failure (L4CON). {@link MysqlCheckTest} pins the check's results in-process; this
 * class pins what the running program does with them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MysqlHealthCheckTest {
    private static final Duration STATE_CHANGE = Duration.ofSeconds(15);
    private static final int PROTOCOL_V10 = 10;

    @TempDir
    static Path dir;
    static Path socket;
    static MariaDbServer db;
    static HavenProcess haven;
    static int goodPort;
    static int badPort;

    @BeforeAll
    static void start() throws Exception {
        db = MariaDbServer.start(dir.resolve("mariadb"));
        db.sql("CREATE USER 'haproxy'@'127.0.0.1'");
        goodPort = Net.freePort();
        badPort = Net.freePort();
        socket = dir.resolve("haven.sock");
        Path cfg = dir.resolve("mysql.cfg");
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
                  # a cold JVM's first check may take longer than inter (200ms), the default limit
                  timeout check 2s
                listen db_good
                  bind 127.0.0.1:%d
                  option mysql-check user haproxy
                  server m1 127.0.0.1:%d check inter 200ms fall 2 rise 1
                listen db_bad
                  bind 127.0.0.1:%d
                  option mysql-check user nobody
                  server m1 127.0.0.1:%d check inter 200ms fall 2 rise 1
                """.formatted(socket, goodPort, db.port(), badPort, db.port()));
        haven = HavenProcess.start(dir, cfg, goodPort, badPort);
    }

    @AfterAll
    static void stop() throws Exception {
        if (haven != null) {
            haven.close();
        }
        if (db != null) {
            db.close();
        }
    }

    @Test
    @Order(1)
    void anExistingUserKeepsTheServerUpAndClientsReachMariaDb() throws Exception {
        ShowStat ok = awaitCheck("db_good", "L7OK");
        assertThat(ok.get("db_good", "m1", "status")).isEqualTo("UP");
        assertThat(ok.get("db_good", "m1", "last_chk")).isEqualTo(db.version());

        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", goodPort), 2000);
            s.setSoTimeout(5000);
            InputStream in = s.getInputStream();
            byte[] header = in.readNBytes(4);
            assertThat(header).as("a MySQL packet header through haven").hasSize(4);
            assertThat(in.read()).as("MariaDB's protocol-10 greeting").isEqualTo(PROTOCOL_V10);
        }
    }

    @Test
    @Order(2)
    void anUnknownUserTakesTheServerDownWithMysqlsError() throws Exception {
        ShowStat refused = await("db_bad/m1 DOWN").atMost(STATE_CHANGE).until(() -> ShowStat.of(dir, socket),
                s -> s.get("db_bad", "m1", "status").equals("DOWN"));
        assertThat(refused.get("db_bad", "m1", "check_status")).isEqualTo("L7STS");
        assertThat(refused.get("db_bad", "m1", "check_code")).isEqualTo("1045");
        assertThat(refused.get("db_bad", "m1", "last_chk")).contains("Access denied for user 'nobody'");
        assertThat(refused.get("db_good", "m1", "status")).as("the same MariaDB, checked as haproxy").isEqualTo("UP");
        await().atMost(STATE_CHANGE).until(haven::stdout,
                out -> out.contains("Server db_bad/m1 is DOWN, reason: Layer7 wrong status, code: 1045"));
    }

    @Test
    @Order(3)
    void aStoppedMariaDbIsALayer4ConnectionProblem() throws Exception {
        db.close();
        ShowStat down = await("db_good/m1 DOWN").atMost(STATE_CHANGE).until(() -> ShowStat.of(dir, socket),
                s -> s.get("db_good", "m1", "status").equals("DOWN"));
        assertThat(down.get("db_good", "m1", "check_status")).isEqualTo("L4CON");
        await().atMost(STATE_CHANGE).until(haven::stdout, out -> out.contains(
                "Server db_good/m1 is DOWN, reason: Layer4 connection problem, info: \"Connection refused\""));
        await().atMost(STATE_CHANGE).until(haven::stdout, out -> out.contains("backend db_good has no server available!"));
    }

    private static ShowStat awaitCheck(String proxy, String checkStatus) {
        return await(proxy + "/m1 " + checkStatus).atMost(STATE_CHANGE).until(() -> ShowStat.of(dir, socket),
                s -> s.get(proxy, "m1", "check_status").equals(checkStatus));
    }
}
