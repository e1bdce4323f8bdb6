package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.check.HealthChecks;
import io.haven.config.ConfigParser;
import io.haven.core.Generation;
import io.haven.core.GenerationBuilder;
import io.haven.core.server.CheckResult;
import io.haven.core.server.CheckStatus;
import io.haven.core.server.Server;
import io.haven.core.server.ServerEvents;
import io.haven.core.server.ServerStatus;
import io.haven.it.support.MariaDbServer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code option mysql-check} against a real MariaDB: a user created without a password for
 * 127.0.0.1 logs in (L7OK with the server version), an unknown user is refused (L7STS with
 * MySQL's error 1045), and without a user the handshake alone passes.
 */
class MysqlCheckTest {
    @TempDir
    static Path dir;
    static MariaDbServer db;
    static EventLoopGroup group;

    @BeforeAll
    static void start() {
        db = MariaDbServer.start(dir.resolve("mariadb"));
        db.sql("CREATE USER 'haproxy'@'127.0.0.1'");
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

    /** Runs the checks of a one-server backend until the first result and returns it with the server. */
    private static Server checkedServer(String option) throws Exception {
        Generation g = new GenerationBuilder(algo -> (lb, client, avoid) -> lb.servers()[0]).build(
                new ConfigParser(Map.of()).parseText("mysql.cfg", """
                        backend db
                            mode tcp
                            %s
                            timeout check 5s
                            server m1 127.0.0.1:%d check inter 200 rise 1 fall 1
                        """.formatted(option, db.port())),
                null, new ServerEvents());
        Server m1 = g.server("db/m1").orElseThrow();
        HealthChecks checks = new HealthChecks(group, NioSocketChannel.class);
        checks.start(g);
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> m1.lastCheck().status() != CheckStatus.INI);
        } finally {
            checks.stop();
        }
        return m1;
    }

    @Test
    void anExistingUserWithoutPasswordPasses() throws Exception {
        Server m1 = checkedServer("option mysql-check user haproxy");
        CheckResult r = m1.lastCheck();
        assertThat(r.status()).isEqualTo(CheckStatus.L7OK);
        assertThat(r.info()).isEqualTo(db.version());
        assertThat(m1.status()).isEqualTo(ServerStatus.UP);
    }

    @Test
    void anUnknownUserIsAWrongStatus() throws Exception {
        Server m1 = checkedServer("option mysql-check user nobody post-41");
        CheckResult r = m1.lastCheck();
        assertThat(r.status()).isEqualTo(CheckStatus.L7STS);
        assertThat(r.code()).isEqualTo(1045);
        assertThat(r.info()).contains("Access denied for user 'nobody'@'127.0.0.1'");
        assertThat(m1.status()).isEqualTo(ServerStatus.DOWN);
    }

    @Test
    void withoutAUserTheHandshakeIsChecked() throws Exception {
        Server m1 = checkedServer("option mysql-check");
        CheckResult r = m1.lastCheck();
        assertThat(r.status()).isEqualTo(CheckStatus.L7OK);
        assertThat(r.info()).isEqualTo(db.version());
    }
}
