package io.haven.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.core.server.AgentReply;
import io.haven.core.server.CheckResult;
import io.haven.core.server.CheckStatus;
import io.haven.core.server.Server;
import io.haven.core.server.ServerEvent;
import io.haven.core.server.ServerEvents;
import io.haven.core.server.ServerStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** rise/fall counting, NOLB, admin overlays and agent replies, with HAProxy's semantics. */
class ServerStateMachineTest {
    private static final CheckResult OK = CheckResult.of(CheckStatus.L4OK, "", 1);
    private static final CheckResult FAIL = CheckResult.of(CheckStatus.L4CON, "Connection refused", 1);
    private static final CheckResult NOT_FOUND = new CheckResult(CheckStatus.L7OKC, 404, "", 1);

    private final List<ServerEvent> events = new ArrayList<>();

    private Server server(String options) throws Exception {
        ServerEvents bus = new ServerEvents();
        bus.add(events::add);
        Generation g = Generations.of("backend be\n  server s1 127.0.0.1:1 check " + options
                + "\n  server s2 127.0.0.1:2 check\n  server b1 127.0.0.1:3 backup\n", null, bus);
        return g.server("be/s1").orElseThrow();
    }

    @Test
    void startsUpButFallsAtTheFirstFailure() throws Exception {
        Server s = server("rise 2 fall 3");
        assertThat(s.status()).isEqualTo(ServerStatus.UP);
        assertThat(s.statusText()).isEqualTo("UP 1/3");
        s.onCheckResult(FAIL);
        assertThat(s.status()).isEqualTo(ServerStatus.DOWN);
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.from()).isEqualTo(ServerStatus.UP);
            assertThat(e.to()).isEqualTo(ServerStatus.DOWN);
            assertThat(e.reason()).contains("Layer4 connection problem", "Connection refused");
        });
    }

    @Test
    void needsExactlyRiseSuccessesToComeUpAndFallFailuresToGoDown() throws Exception {
        Server s = server("rise 3 fall 2");
        s.onCheckResult(FAIL);
        assertThat(s.status()).isEqualTo(ServerStatus.DOWN);
        s.onCheckResult(OK);
        assertThat(s.statusText()).isEqualTo("DOWN 1/3");
        s.onCheckResult(OK);
        assertThat(s.status()).isEqualTo(ServerStatus.DOWN);
        s.onCheckResult(OK);
        assertThat(s.status()).isEqualTo(ServerStatus.UP);
        assertThat(s.statusText()).isEqualTo("UP");
        s.onCheckResult(FAIL);
        assertThat(s.statusText()).isEqualTo("UP 1/2");
        assertThat(s.status()).isEqualTo(ServerStatus.UP);
        s.onCheckResult(OK);
        assertThat(s.statusText()).isEqualTo("UP");
        s.onCheckResult(FAIL);
        s.onCheckResult(FAIL);
        assertThat(s.status()).isEqualTo(ServerStatus.DOWN);
        assertThat(s.counters().downTransitions.sum()).isEqualTo(2);
    }

    @Test
    void checkIntervalFollowsHealth() throws Exception {
        Server s = server("inter 1000 fastinter 200 downinter 5000 rise 2 fall 2");
        assertThat(s.nextCheckInterval()).isEqualTo(200); // up, not yet confirmed
        s.onCheckResult(OK);
        assertThat(s.nextCheckInterval()).isEqualTo(1000);
        s.onCheckResult(FAIL);
        assertThat(s.nextCheckInterval()).isEqualTo(200);
        s.onCheckResult(FAIL);
        assertThat(s.nextCheckInterval()).isEqualTo(5000);
        s.onCheckResult(OK);
        assertThat(s.nextCheckInterval()).isEqualTo(200);
    }

    @Test
    void notFoundUnderDisableOn404IsNolbAndLeavesTheBalancer() throws Exception {
        Server s = server("rise 1 fall 2");
        s.onCheckResult(NOT_FOUND);
        assertThat(s.status()).isEqualTo(ServerStatus.NOLB);
        assertThat(s.usable()).isFalse();
        assertThat(s.isUp()).isTrue();
        assertThat(s.backend().usableServers()).isEqualTo(1);
        s.onCheckResult(new CheckResult(CheckStatus.L7OK, 200, "", 1));
        assertThat(s.status()).isEqualTo(ServerStatus.UP);
        assertThat(s.backend().usableServers()).isEqualTo(2);
    }

    @Test
    void maintenanceAndDrainOverlayTheOperationalState() throws Exception {
        Server s = server("");
        s.setMaintenance(true);
        assertThat(s.status()).isEqualTo(ServerStatus.MAINT);
        s.onCheckResult(FAIL);
        assertThat(s.status()).isEqualTo(ServerStatus.MAINT);
        s.setReady();
        assertThat(s.status()).isEqualTo(ServerStatus.DOWN);
        s.onCheckResult(OK);
        s.onCheckResult(OK);
        s.setDrain(true);
        assertThat(s.status()).isEqualTo(ServerStatus.DRAIN);
        assertThat(s.usable()).isFalse();
        assertThat(s.effectiveWeight()).isZero();
        s.setReady();
        assertThat(s.status()).isEqualTo(ServerStatus.UP);
    }

    @Test
    void disabledServersStartInMaintenance() throws Exception {
        Server s = server("disabled");
        assertThat(s.status()).isEqualTo(ServerStatus.MAINT);
        assertThat(s.statusText()).isEqualTo("MAINT");
    }

    @Test
    void disabledHealthCheckCountsAsUp() throws Exception {
        Server s = server("");
        s.onCheckResult(FAIL);
        s.setCheckEnabled(false);
        assertThat(s.status()).isEqualTo(ServerStatus.UP);
        assertThat(s.statusText()).isEqualTo("no check");
        s.onCheckResult(FAIL);
        assertThat(s.status()).isEqualTo(ServerStatus.UP);
        s.setCheckEnabled(true);
        assertThat(s.status()).isEqualTo(ServerStatus.DOWN);
    }

    @Test
    void agentRepliesDriveStateAndWeight() throws Exception {
        Server s = server("weight 20 agent-check agent-port 9999");
        CheckResult r = CheckResult.of(CheckStatus.L7OK, "", 1);
        s.onAgentReply(AgentReply.parse("drain"), r);
        assertThat(s.status()).isEqualTo(ServerStatus.DRAIN);
        s.onAgentReply(AgentReply.parse("ready,50%"), r);
        assertThat(s.status()).isEqualTo(ServerStatus.UP);
        assertThat(s.weight()).isEqualTo(10);
        s.onAgentReply(AgentReply.parse("down # replication broken"), r);
        assertThat(s.status()).isEqualTo(ServerStatus.DOWN);
        assertThat(events).last().satisfies(e -> assertThat(e.reason()).contains("replication broken"));
        s.onAgentReply(AgentReply.parse("up"), r);
        assertThat(s.status()).isEqualTo(ServerStatus.UP);
        s.onAgentReply(AgentReply.parse("maint"), r);
        assertThat(s.status()).isEqualTo(ServerStatus.MAINT);
    }

    @Test
    void weightChangesReachTheBalancerSnapshot() throws Exception {
        Server s = server("");
        long before = s.backend().lb().version();
        s.setWeight(0);
        assertThat(s.usable()).isFalse();
        assertThat(s.backend().lb().version()).isGreaterThan(before);
        assertThat(s.backend().lb().servers()).extracting(Server::name).containsExactly("s2");
    }
}
