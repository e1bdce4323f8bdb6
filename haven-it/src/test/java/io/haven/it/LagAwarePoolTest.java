package io.haven.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.it.support.HavenProcess;
import io.haven.it.support.Net;
import io.haven.it.support.ReplicaSet;
import io.haven.it.support.ThroughHaven;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code min-servers}: when too few replicas are fresh, the least lagged come back, never one
 * beyond {@code hard-max-lag}, and the log says the pool is degraded. Real replication, real lag
 * (MASTER_DELAY keeps the replication threads running while the replica falls behind).
 */
class LagAwarePoolTest {
    @TempDir
    static Path dir;
    static ReplicaSet set;
    static HavenProcess haven;
    static int floorPort;
    static int boundPort;
    static Path socket;

    @BeforeAll
    static void start() throws Exception {
        set = ReplicaSet.start(dir.resolve("mysql"), 3);
        set.startHeartbeat();
        floorPort = Net.freePort();
        boundPort = Net.freePort();
        socket = dir.resolve("admin.sock");
        Path password = dir.resolve("haven.pw");
        Files.writeString(password, ReplicaSet.HAVEN_PASSWORD);
        StringBuilder cfg = new StringBuilder("""
                global
                    stats socket %s level admin
                    log stdout format raw local0
                defaults
                    mode tcp
                    log global
                    timeout connect 1s
                    timeout client 30s
                    timeout server 30s
                    timeout check 1s
                    default-server check inter 100ms fall 3 rise 1
                """.formatted(socket));
        String[][] pools = {{"floor", Integer.toString(floorPort), ""}, {"bound", Integer.toString(boundPort), " hard-max-lag 1500ms"}};
        for (String[] pool : pools) {
            cfg.append("listen ").append(pool[0]).append("\n    bind 127.0.0.1:").append(pool[1])
                    .append("\n    option mysql-lag-check user haven password-file ").append(password)
                    .append(" max-lag 1s back-in 500ms min-servers 2").append(pool[2]).append('\n');
            for (int i = 1; i <= 3; i++) {
                cfg.append("    server r").append(i).append(" 127.0.0.1:").append(set.replicaPort(i)).append('\n');
            }
        }
        Path file = dir.resolve("pool.cfg");
        Files.writeString(file, cfg.toString());
        haven = HavenProcess.start(dir, file, floorPort, boundPort);
        for (String pool : new String[] {"floor", "bound"}) {
            for (int i = 1; i <= 3; i++) {
                ThroughHaven.awaitStatus(socket, pool, "r" + i, "UP");
            }
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (haven != null) {
            haven.close();
        }
        if (set != null) {
            set.close();
        }
    }

    @Test
    void belowTheFloorTheLeastLaggedReplicaIsServedButNeverOneBeyondTheHardBound() throws Exception {
        set.delay(2, 3);
        set.delay(3, 3);
        try {
            for (String pool : new String[] {"floor", "bound"}) {
                ThroughHaven.awaitStatus(socket, pool, "r2", "NOLB");
                ThroughHaven.awaitStatus(socket, pool, "r3", "NOLB");
            }
            // while the lag climbs from 1 s to 1.5 s the bound pool may still serve one; wait until it is past
            await("lag beyond the hard bound").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> set.lagSeconds(2) > 2.0 && set.lagSeconds(3) > 2.0);
            await("floor pool degraded").atMost(Duration.ofSeconds(10))
                    .until(() -> haven.stderr().contains("backend floor is degraded: 1 fresh server(s), below min-servers 2"));
            // one lagging replica at a time tops the pool up; which one follows their lags, which move
            // the replica serving the floor keeps serving while it stays eligible: no flip-flop
            Set<Integer> floor = ThroughHaven.serverIds(floorPort, 24);
            assertThat(floor).contains(set.serverId(1)).hasSize(2);
            // lag around 2-3 s is over the bound pool's hard-max-lag 1500ms: only the fresh replica serves
            assertThat(ThroughHaven.serverIds(boundPort, 12)).containsOnly(set.serverId(1));
            String boundLog = haven.stderr().lines().filter(l -> l.contains("backend bound is")).reduce((a, b) -> b).orElse("");
            assertThat(boundLog).as("last word on the bound pool").contains("backend bound is no longer degraded");
        } finally {
            set.delay(2, 0);
            set.delay(3, 0);
        }
        for (int i = 2; i <= 3; i++) {
            ThroughHaven.awaitStatus(socket, "floor", "r" + i, "UP");
        }
        await("floor pool restored").atMost(Duration.ofSeconds(10))
                .until(() -> haven.stderr().contains("backend floor is no longer degraded"));
        assertThat(ThroughHaven.serverIds(floorPort, 24)).containsExactlyInAnyOrder(set.serverId(1), set.serverId(2), set.serverId(3));
    }
}
