package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.MariaDbServer;
import io.haven.mysql.MysqlClient;
import io.haven.mysql.MysqlConnection;
import io.haven.mysql.MysqlCredentials;
import io.haven.mysql.MysqlException;
import io.haven.mysql.ResultSet;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * haven-mysql's client against a real MariaDB: native-password logins (with and without a
 * password, with a database), refusals with the server's error, text resultsets with NULLs,
 * errors that leave the connection usable, pipelining, a multi-packet row, ping, quit, timeouts,
 * a connection killed by the server and a server killed mid-query.
 */
class MysqlClientTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path dir;
    static MariaDbServer db;
    static EventLoopGroup group;

    @BeforeAll
    static void start() {
        db = MariaDbServer.start(dir.resolve("mariadb"));
        db.sql("CREATE USER 'haven'@'127.0.0.1' IDENTIFIED BY 'secret'",
                "GRANT ALL ON *.* TO 'haven'@'127.0.0.1'",
                "CREATE USER 'nopass'@'127.0.0.1'",
                "CREATE DATABASE shop",
                "SET GLOBAL max_allowed_packet = 64 * 1024 * 1024");
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stop() {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
        if (db != null) {
            db.close();
        }
    }

    private static CompletableFuture<MysqlConnection> connecting(MariaDbServer server, MysqlCredentials credentials,
            Duration timeout) {
        return MysqlClient.connect(group.next(), NioSocketChannel.class, new InetSocketAddress(server.host(), server.port()),
                credentials, timeout);
    }

    private static MysqlConnection connect(String user, String password) throws Exception {
        return connecting(db, new MysqlCredentials(user, password, null), TIMEOUT).get(20, TimeUnit.SECONDS);
    }

    private static <T> T get(CompletableFuture<T> f) throws Exception {
        return f.get(20, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletableFuture<?> f) {
        Throwable t = catchThrowable(() -> f.get(20, TimeUnit.SECONDS));
        assertThat(t).isInstanceOf(ExecutionException.class);
        return t.getCause();
    }

    @Test
    void aPasswordLoginWithMysqlNativePassword() throws Exception {
        try (MysqlConnection c = connect("haven", "secret")) {
            assertThat(db.version()).isEqualTo("5.5.5-" + c.serverVersion());
            assertThat(c.isOpen()).isTrue();
            ResultSet r = get(c.query("SELECT CONNECTION_ID() AS id, CURRENT_USER() AS who"));
            assertThat(r.value(0, "id")).isEqualTo(Long.toString(c.connectionId()));
            assertThat(r.value(0, "WHO")).isEqualTo("haven@127.0.0.1");
        }
    }

    @Test
    void anAccountWithoutPassword() throws Exception {
        try (MysqlConnection c = connect("nopass", "")) {
            assertThat(get(c.query("SELECT CURRENT_USER()")).rows().get(0).get(0)).isEqualTo("nopass@127.0.0.1");
        }
    }

    @Test
    void aWrongPasswordIsRefusedWith1045() {
        Throwable t = failure(connecting(db, new MysqlCredentials("haven", "wrong", null), TIMEOUT));
        assertThat(t).isInstanceOfSatisfying(MysqlException.class, e -> {
            assertThat(e.code()).isEqualTo(1045);
            assertThat(e.sqlState()).isEqualTo("28000");
            assertThat(e.getMessage()).isEqualTo("Access denied for user 'haven'@'127.0.0.1' (using password: YES)");
        });
    }

    @Test
    void nothingListeningFailsWithIoExceptionAndSilenceWithTimeout() throws Exception {
        InetAddress localhost = InetAddress.getByName("127.0.0.1");
        int closedPort;
        try (ServerSocket silent = new ServerSocket(0, 10, localhost)) {
            // the kernel completes the TCP handshake from the backlog; nobody ever greets
            Throwable t = failure(MysqlClient.connect(group.next(), NioSocketChannel.class,
                    new InetSocketAddress(localhost, silent.getLocalPort()), MysqlCredentials.of("haven"), Duration.ofMillis(300)));
            assertThat(t).isInstanceOf(TimeoutException.class);
            closedPort = silent.getLocalPort();
        }
        Throwable t = failure(MysqlClient.connect(group.next(), NioSocketChannel.class,
                new InetSocketAddress(localhost, closedPort), MysqlCredentials.of("haven"), TIMEOUT));
        assertThat(t).isInstanceOf(IOException.class).hasMessageContaining("Connection refused");
    }

    @Test
    void aDefaultDatabaseAndAnUnknownOne() throws Exception {
        try (MysqlConnection c = get(connecting(db, new MysqlCredentials("haven", "secret", "shop"), TIMEOUT))) {
            assertThat(get(c.query("SELECT DATABASE()")).rows().get(0).get(0)).isEqualTo("shop");
        }
        Throwable t = failure(connecting(db, new MysqlCredentials("haven", "secret", "nowhere"), TIMEOUT));
        assertThat(t).isInstanceOfSatisfying(MysqlException.class, e -> assertThat(e.code()).isEqualTo(1049));
    }

    @Test
    void anAuthSwitchToAPluginThisClientLacksIsRefusedWith2059() {
        db.sql("INSTALL SONAME 'auth_ed25519'",
                "CREATE USER IF NOT EXISTS 'ed'@'127.0.0.1' IDENTIFIED VIA ed25519 USING PASSWORD('secret')");
        Throwable t = failure(connecting(db, new MysqlCredentials("ed", "secret", null), TIMEOUT));
        assertThat(t).isInstanceOfSatisfying(MysqlException.class, e -> {
            assertThat(e.code()).isEqualTo(2059);
            assertThat(e.getMessage()).contains("client_ed25519");
        });
    }

    @Test
    void valuesNullsAndColumnNames() throws Exception {
        try (MysqlConnection c = connect("haven", "secret")) {
            ResultSet r = get(c.query("SELECT 1, NULL, 'x', 'é✓' AS utf8"));
            assertThat(r.columns()).containsExactly("1", "NULL", "x", "utf8");
            assertThat(r.rows()).containsExactly(Arrays.asList("1", null, "x", "é✓"));
            assertThat(get(c.query("SELECT @@server_id")).value(0, "@@server_id"))
                    .isEqualTo(db.query("SELECT @@server_id").get(0));
        }
    }

    @Test
    void showSlaveStatusOnAServerThatIsNoReplica() throws Exception {
        try (MysqlConnection c = connect("haven", "secret")) {
            ResultSet r = get(c.query("SHOW SLAVE STATUS"));
            assertThat(r.rows()).isEmpty();
            assertThat(r.column("Seconds_Behind_Master")).isNotNegative();
        }
    }

    @Test
    void statementsWithoutResultsetGiveAffectedRows() throws Exception {
        try (MysqlConnection c = connect("haven", "secret")) {
            assertThat(get(c.query("CREATE TABLE shop.items (id INT PRIMARY KEY, name TEXT)")).columns()).isEmpty();
            assertThat(get(c.query("INSERT INTO shop.items VALUES (1, 'a'), (2, NULL), (3, 'c')")).affectedRows()).isEqualTo(3);
            assertThat(get(c.query("SELECT name FROM shop.items ORDER BY id")).rows())
                    .containsExactly(List.of("a"), Collections.singletonList(null), List.of("c"));
        }
    }

    @Test
    void aSyntaxErrorLeavesTheConnectionUsable() throws Exception {
        try (MysqlConnection c = connect("haven", "secret")) {
            assertThat(failure(c.query("SELEC 1"))).isInstanceOfSatisfying(MysqlException.class, e -> {
                assertThat(e.code()).isEqualTo(1064);
                assertThat(e.sqlState()).isEqualTo("42000");
                assertThat(e.getMessage()).contains("SQL syntax");
            });
            assertThat(get(c.query("SELECT 2")).value(0, "2")).isEqualTo("2");
            get(c.ping());
        }
    }

    @Test
    void pipelinedQueriesKeepTheirOrder() throws Exception {
        try (MysqlConnection c = connect("haven", "secret")) {
            List<Integer> completed = Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<ResultSet>> queries = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                int n = i;
                queries.add(c.query(i % 10 == 3 ? "SELEC " + i : "SELECT " + i + " AS n")
                        .whenComplete((r, e) -> completed.add(n)));
            }
            CompletableFuture.allOf(queries.toArray(new CompletableFuture[0])).handle((v, e) -> v).get(20, TimeUnit.SECONDS);
            for (int i = 0; i < 100; i++) {
                if (i % 10 == 3) {
                    assertThat(failure(queries.get(i))).isInstanceOf(MysqlException.class);
                } else {
                    assertThat(queries.get(i).join().value(0, "n")).isEqualTo(Integer.toString(i));
                }
            }
            assertThat(completed).isSorted().hasSize(100);
        }
    }

    @Test
    void aRowAndAQueryLargerThanOnePacket() throws Exception {
        int length = 17 * 1024 * 1024; // over 2^24-1: split into two packets each way
        try (MysqlConnection c = connect("haven", "secret")) {
            ResultSet r = get(c.query("SELECT REPEAT('x', " + length + ") AS big, 'after' AS tail"));
            assertThat(r.value(0, "big")).hasSize(length);
            assertThat(r.value(0, "tail")).isEqualTo("after");
            String sql = "SELECT LENGTH('" + "y".repeat(length) + "') AS n";
            assertThat(get(c.query(sql)).value(0, "n")).isEqualTo(Integer.toString(length));
        }
    }

    @Test
    void quitClosesTheSessionOnTheServer() throws Exception {
        MysqlConnection c = connect("haven", "secret");
        long id = c.connectionId();
        get(c.quit());
        assertThat(c.isOpen()).isFalse();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> db.query("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE ID = " + id), rows -> rows.equals(List.of("0")));
    }

    @Test
    void aQueryOverItsTimeoutFailsAndClosesTheConnection() throws Exception {
        MysqlConnection c = get(connecting(db, new MysqlCredentials("haven", "secret", null), Duration.ofMillis(500)));
        CompletableFuture<ResultSet> slow = c.query("SELECT SLEEP(5)");
        assertThat(failure(slow)).isInstanceOf(TimeoutException.class);
        assertThat(c.isOpen()).isFalse();
        assertThat(failure(c.ping())).isInstanceOf(IOException.class);
    }

    @Test
    void aConnectionKilledByTheServerFailsItsQuery() throws Exception {
        try (MysqlConnection c = connect("haven", "secret")) {
            CompletableFuture<ResultSet> sleeping = c.query("SELECT SLEEP(30)");
            await().atMost(Duration.ofSeconds(10)).until(() -> db.query(
                    "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE INFO LIKE 'SELECT SLEEP(30)%'"), r -> r.equals(List.of("1")));
            db.sql("KILL CONNECTION " + c.connectionId());
            assertThat(failure(sleeping)).isInstanceOfAny(IOException.class, MysqlException.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> !c.isOpen());
        }
    }

    @Test
    void aServerKilledMidQueryFailsTheQuery() throws Exception {
        try (MariaDbServer doomed = MariaDbServer.start(dir.resolve("doomed"))) {
            doomed.sql("CREATE USER 'haven'@'127.0.0.1' IDENTIFIED BY 'secret'");
            MysqlConnection c = get(connecting(doomed, new MysqlCredentials("haven", "secret", null), Duration.ofSeconds(60)));
            CompletableFuture<ResultSet> sleeping = c.query("SELECT SLEEP(50)");
            CompletableFuture<Void> queued = c.ping();
            ProcessHandle.of(doomed.pid()).ifPresent(ProcessHandle::destroyForcibly);
            await().atMost(Duration.ofSeconds(10)).until(sleeping::isDone);
            assertThat(failure(sleeping)).isInstanceOf(IOException.class);
            assertThat(failure(queued)).isInstanceOf(IOException.class);
            assertThat(c.isOpen()).isFalse();
        }
    }
}
