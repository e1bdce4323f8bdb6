package io.haven.it.figures;

import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import io.haven.it.support.ReplicaSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Haven with its native lag check ({@code option mysql-lag-check}): Haven keeps one MySQL
 * connection per replica and reads the pt-heartbeat table and {@code SHOW SLAVE STATUS} every
 * 100 ms. Started as the tests start it ({@link HavenProcess}: {@code io.haven.cli.Haven} in a
 * child JVM, {@code -Xmx256m}).
 */
final class HavenUnderTest implements ProxyUnderTest {
    static final String SETTINGS = "option mysql-lag-check user haven password-file F max-lag 1s back-in 500ms;"
            + " timeout check 1s; default-server check inter 100ms fall 3 rise 1; retries 3; option redispatch 1; retry-on conn-failure empty-response";

    private final HavenProcess process;
    private final Path config;
    private final Path socket;
    private final int port;

    private HavenUnderTest(HavenProcess process, Path config, Path socket, int port) {
        this.process = process;
        this.config = config;
        this.socket = socket;
        this.port = port;
    }

    static HavenUnderTest start(Path dir, ReplicaSet set) throws IOException {
        Files.createDirectories(dir);
        int port = Net.freePort();
        Path socket = dir.resolve("haven.sock");
        Path password = Files.writeString(dir.resolve("haven.pw"), ReplicaSet.HAVEN_PASSWORD + "\n");
        Path cfg = dir.resolve("haven.cfg");
        Files.writeString(cfg, """
                global
                    stats socket %1$s level admin
                    log stdout format raw local0
                defaults
                    mode tcp
                    log global
                    option tcplog
                    timeout connect 1s
                    timeout client 30s
                    timeout server 30s
                listen mysql_ro
                    bind 127.0.0.1:%2$d
                    balance roundrobin
                    option mysql-lag-check user %3$s password-file %4$s max-lag 1s back-in 500ms
                    timeout check 1s
                    retries 3
                    option redispatch 1
                    retry-on conn-failure empty-response
                    default-server check inter 100ms fall 3 rise 1
                    server r1 127.0.0.1:%5$d
                    server r2 127.0.0.1:%6$d
                    server r3 127.0.0.1:%7$d
                """.formatted(socket, port, ReplicaSet.HAVEN_USER, password,
                set.replicaPort(1), set.replicaPort(2), set.replicaPort(3)));
        return new HavenUnderTest(HavenProcess.start(dir, cfg, port), cfg, socket, port);
    }

    @Override
    public String name() {
        return "haven";
    }

    @Override
    public String setup() {
        return "Haven, native check: " + SETTINGS;
    }

    @Override
    public Duration checkInterval() {
        return Duration.ofMillis(100);
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public Path statsSocket() {
        return socket;
    }

    @Override
    public void saveLogs(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.copy(config, dir.resolve("haven.cfg"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(dir.resolve("haven.stdout.log"), process.stdout());
        Files.writeString(dir.resolve("haven.stderr.log"), process.stderr());
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
