package io.haven.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.core.server.CheckResult;
import io.haven.core.server.CheckStatus;
import io.haven.core.server.Server;
import org.junit.jupiter.api.Test;

/** Which servers the balancer sees: actives, else the first backup, else all backups with allbackups. */
class BackendPoolTest {
    private static final CheckResult FAIL = CheckResult.of(CheckStatus.L4CON, "", 1);

    private static final String CONFIG = """
            backend be
              %s
              server a1 127.0.0.1:1 check
              server a2 127.0.0.1:2 check
              server b1 127.0.0.1:3 check backup
              server b2 127.0.0.1:4 check backup
            """;

    @Test
    void backupsServeOnlyWhenNoActiveServerIsUsable() throws Exception {
        Generation g = Generations.of(CONFIG.formatted(""));
        Backend be = g.backend("be").orElseThrow();
        assertThat(be.lb().servers()).extracting(Server::name).containsExactly("a1", "a2");
        assertThat(be.usableServers()).isEqualTo(2);
        g.server("be/a1").orElseThrow().onCheckResult(FAIL);
        assertThat(be.usableServers()).isEqualTo(1);
        g.server("be/a2").orElseThrow().onCheckResult(FAIL);
        assertThat(be.lb().backup()).isTrue();
        assertThat(be.lb().servers()).extracting(Server::name).containsExactly("b1");
        assertThat(be.usableServers()).isEqualTo(1);
        g.server("be/b1").orElseThrow().setMaintenance(true);
        assertThat(be.lb().servers()).extracting(Server::name).containsExactly("b2");
        g.server("be/b2").orElseThrow().onCheckResult(FAIL);
        assertThat(be.available()).isFalse();
        assertThat(be.usableServers()).isZero();
    }

    @Test
    void allBackupsServeTogetherWithOptionAllbackups() throws Exception {
        Generation g = Generations.of(CONFIG.formatted("option allbackups"));
        g.server("be/a1").orElseThrow().onCheckResult(FAIL);
        g.server("be/a2").orElseThrow().onCheckResult(FAIL);
        assertThat(g.backend("be").orElseThrow().lb().servers()).extracting(Server::name).containsExactly("b1", "b2");
        assertThat(g.backend("be").orElseThrow().usableServers()).isEqualTo(2);
    }

    @Test
    void queuedConnectionsGetFreedSlots() throws Exception {
        Generation g = Generations.of("backend be\n  server s 127.0.0.1:1 maxconn 1 maxqueue 2\n");
        Backend be = g.backend("be").orElseThrow();
        Server s = g.server("be/s").orElseThrow();
        assertThat(s.slots().tryAcquire()).isTrue();
        assertThat(s.slots().tryAcquire()).isFalse();
        java.util.List<Server> got = new java.util.ArrayList<>();
        assertThat(be.enqueue(got::add)).isTrue();
        assertThat(be.enqueue(got::add)).isTrue();
        assertThat(be.enqueue(got::add)).as("maxqueue 2 reached").isFalse();
        assertThat(be.queueLength()).isEqualTo(2);
        s.slots().release();
        assertThat(got).containsExactly(s);
        assertThat(be.queueLength()).isEqualTo(1);
        assertThat(s.counters().current.get()).isEqualTo(1);
    }

    @Test
    void reloadCarriesStateAndAdminOverridesByName() throws Exception {
        Generation g1 = Generations.of(CONFIG.formatted(""));
        g1.server("be/a1").orElseThrow().setMaintenance(true);
        g1.server("be/a2").orElseThrow().onCheckResult(FAIL);
        g1.server("be/b1").orElseThrow().setWeight(7);
        Generation g2 = Generations.of(CONFIG.formatted("balance leastconn"), g1, new io.haven.core.server.ServerEvents());
        assertThat(g2.number()).isEqualTo(2);
        assertThat(g2.server("be/a1").orElseThrow().inMaintenance()).isTrue();
        assertThat(g2.server("be/a2").orElseThrow().isUp()).isFalse();
        assertThat(g2.server("be/b1").orElseThrow().weight()).isEqualTo(7);
        assertThat(g2.backend("be").orElseThrow().lb().servers()).extracting(Server::name).containsExactly("b1");
    }
}
