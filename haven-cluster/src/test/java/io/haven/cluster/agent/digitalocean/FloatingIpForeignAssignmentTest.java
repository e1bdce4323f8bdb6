package io.haven.cluster.agent.digitalocean;

import static io.haven.cluster.agent.digitalocean.FloatingIpFixture.IP;
import static org.assertj.core.api.Assertions.assertThat;

import io.haven.cluster.agent.AgentResult;
import io.haven.cluster.agent.OcfStatus;
import io.haven.cluster.digitalocean.ConflictPolicy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * An IP assigned to another droplet is not ours: monitor says NOT_RUNNING and stop leaves it alone.
 * When two droplets assign at once, the provider's serialisation decides and the loser backs off.
 */
class FloatingIpForeignAssignmentTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Test
    void monitorIsNotRunningAndStopDoesNotUnassignAnotherDropletsIp() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(102L)) {
            FloatingIpAgent agent = f.agent(101);
            AgentResult m = agent.monitor(TIMEOUT);
            assertThat(m.status()).isEqualTo(OcfStatus.NOT_RUNNING);
            assertThat(m.message()).contains("assigned to droplet 102");
            AgentResult s = agent.stop(TIMEOUT);
            assertThat(s.status()).isEqualTo(OcfStatus.SUCCESS);
            assertThat(s.message()).contains("nothing to release");
            assertThat(f.emulator.requests("POST", "/v2/")).isEmpty();
            assertThat(f.emulator.assignedDroplet(IP)).isEqualTo(102L);
        }
    }

    @Test
    void aStartThatFindsAnotherDropletsAssignPendingLosesAndDoesNotTakeItBack() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(null)) {
            f.emulator.actionDelay(Duration.ofMillis(800));
            long rival = f.emulator.submitAction(IP, 102L);
            assertThat(rival).isPositive();
            AgentResult r = f.agent(101).start(TIMEOUT);
            assertThat(r.status()).isEqualTo(OcfStatus.ERR_GENERIC);
            assertThat(r.message()).contains("assigned to droplet 102").contains("not taking it back");
            assertThat(f.emulator.assignedDroplet(IP)).isEqualTo(102L);
            assertThat(f.emulator.requests("POST", "/v2/")).isEmpty();
        }
    }

    /** Droplet 102 submits its assign after this agent read the IP and just before its own assign arrives. */
    private static void rivalAssignsBetweenReadAndAssign(FloatingIpFixture f) {
        f.emulator.beforeNext("POST", "/v2/floating_ips/" + IP + "/actions", () -> f.emulator.submitAction(IP, 102L));
    }

    @Test
    void anAssignRejectedBecauseTheIpIsLockedWaitsForTheWinnerAndBacksOff() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(null)) {
            FloatingIpAgent agent = f.agent(101);
            f.emulator.actionDelay(Duration.ofMillis(800));
            rivalAssignsBetweenReadAndAssign(f);
            AgentResult r = agent.start(TIMEOUT);
            assertThat(r.status()).as(r.message()).isEqualTo(OcfStatus.ERR_GENERIC);
            assertThat(r.message()).contains("assigned to droplet 102");
            assertThat(f.emulator.requests().stream().filter(q -> q.status() == 422)).hasSize(1);
            assertThat(f.emulator.assignedDroplet(IP)).isEqualTo(102L);
        }
    }

    @Test
    void whenTheProviderQueuesActionsTheLaterAssignWins() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(null)) {
            FloatingIpAgent agent = f.agent(101);
            f.emulator.conflictPolicy(ConflictPolicy.QUEUE).actionDelay(Duration.ofMillis(300));
            rivalAssignsBetweenReadAndAssign(f);
            AgentResult r = agent.start(TIMEOUT);
            assertThat(r.status()).as(r.message()).isEqualTo(OcfStatus.SUCCESS);
            assertThat(f.emulator.assignedDroplet(IP)).isEqualTo(101L);
            assertThat(f.agent(102).monitor(TIMEOUT).status()).isEqualTo(OcfStatus.NOT_RUNNING);
        }
    }
}
