package io.haven.cluster.agent.digitalocean;

import static io.haven.cluster.agent.digitalocean.FloatingIpFixture.IP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.cluster.agent.OcfStatus;
import io.haven.cluster.digitalocean.ConflictPolicy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/**
 * Who may run alone when the peer went silent: the side DigitalOcean gave the IP to by its claim,
 * the holder first; a side that finds a claim of the other (recent, concurrent or later) says no.
 */
class FloatingIpArbiterTest {
    private static final String ACTIONS = "/v2/floating_ips/" + IP + "/actions";
    private static final ArbiterTimings QUICK = new ArbiterTimings(Duration.ofSeconds(10), Duration.ZERO,
            ArbiterTimings.DEFAULT_RECENT);

    @Test
    void theHolderClaimsTheIpAgainAndMayRunAlone() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(101L)) {
            assertThat(f.arbiter(101, ArbiterTimings.defaults()).mayRunAlone("lb-2")).isTrue();
            assertThat(f.emulator.assignedDroplet(IP)).isEqualTo(101L);
            assertThat(f.emulator.requests("POST", ACTIONS)).singleElement()
                    .satisfies(r -> assertThat(r.body()).contains("\"droplet_id\":101"));
        }
    }

    @Test
    void aNodeWithoutTheIpTakesItWhenNobodyClaimedItAndMayRunAlone() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(101L)) {
            assertThat(f.arbiter(102, ArbiterTimings.defaults()).mayRunAlone("lb-1")).isTrue();
            assertThat(f.emulator.assignedDroplet(IP)).isEqualTo(102L);
        }
    }

    @Test
    void aNodeWithoutTheIpYieldsToAnAssignmentThatCompletedRecently() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(null)) {
            long claim = f.emulator.submitAction(IP, 101L);
            await().atMost(Duration.ofSeconds(5)).until(() -> "completed".equals(f.emulator.actionStatus(claim)));
            assertThat(f.arbiter(102, QUICK).mayRunAlone("lb-1")).isFalse();
            assertThat(f.emulator.assignedDroplet(IP)).isEqualTo(101L);
            assertThat(f.emulator.requests("POST", ACTIONS)).isEmpty();
        }
    }

    @Test
    void aNodeWithoutTheIpYieldsWhenTheHolderClaimsItDuringTheGrace() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(101L)) {
            FloatingIpArbiter late = f.arbiter(102, new ArbiterTimings(Duration.ofSeconds(10), Duration.ofSeconds(1),
                    ArbiterTimings.DEFAULT_RECENT));
            CompletableFuture<Boolean> answer = CompletableFuture.supplyAsync(() -> ask(late), THREAD);
            await().atMost(Duration.ofSeconds(5)).until(() -> !f.emulator.requests("GET", ACTIONS).isEmpty());
            f.emulator.submitAction(IP, 101L); // the holder's claim, while the other waits
            assertThat(answer.get()).isFalse();
            assertThat(f.emulator.requests("POST", ACTIONS)).isEmpty();
            await().atMost(Duration.ofSeconds(5)).until(() -> !f.emulator.locked(IP));
            assertThat(f.emulator.assignedDroplet(IP)).isEqualTo(101L);
        }
    }

    @Test
    void aClaimRefusedBecauseTheOtherSidesClaimHoldsTheIpYields() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(null)) {
            f.emulator.beforeNext("POST", ACTIONS, () -> f.emulator.submitAction(IP, 101L));
            assertThat(f.arbiter(102, QUICK).mayRunAlone("lb-1")).isFalse();
            assertThat(f.emulator.requests("POST", ACTIONS)).extracting(r -> r.status()).containsExactly(422);
            assertThat(f.emulator.assignedDroplet(IP)).isEqualTo(101L);
        }
    }

    @Test
    void aClaimRefusedBecauseThisNodeIsReleasingTheIpIsMadeAgain() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(101L)) {
            // the resource manager stops the IP (no quorum) while the arbiter claims it
            f.emulator.beforeNext("POST", ACTIONS, () -> f.emulator.submitAction(IP, null));
            assertThat(f.arbiter(101, QUICK).mayRunAlone("lb-2")).isTrue();
            assertThat(f.emulator.requests("POST", ACTIONS)).extracting(r -> r.status()).containsExactly(422, 201);
            assertThat(f.emulator.assignedDroplet(IP)).isEqualTo(101L);
        }
    }

    @Test
    void aNodeWhoseOwnStopReleasedTheIpItHadJustAssignedStillHoldsItAndTheOtherYields() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(null)) {
            // lb-1 started the IP a moment ago, then lost quorum and stopped it
            assertThat(f.agent(101).start(Duration.ofSeconds(5)).status()).isEqualTo(OcfStatus.SUCCESS);
            assertThat(f.agent(101).stop(Duration.ofSeconds(5)).status()).isEqualTo(OcfStatus.SUCCESS);
            assertThat(f.emulator.assignedDroplet(IP)).isNull();
            assertThat(f.arbiter(102, ArbiterTimings.defaults()).mayRunAlone("lb-1")).isFalse(); // a recent claim
            assertThat(f.arbiter(101, ArbiterTimings.defaults()).mayRunAlone("lb-2")).isTrue(); // its own: no grace
            assertThat(f.emulator.assignedDroplet(IP)).isEqualTo(101L);
        }
    }

    @Test
    void aLaterClaimOfTheOtherSideMakesTheAnswerNo() throws Exception {
        try (FloatingIpFixture f = new FloatingIpFixture(101L)) {
            f.emulator.conflictPolicy(ConflictPolicy.QUEUE); // were actions queued, the last would win
            f.emulator.beforeNext("GET", "/v2/actions/", () -> f.emulator.submitAction(IP, 102L));
            assertThat(f.arbiter(101, QUICK).mayRunAlone("lb-2")).isFalse();
            await().atMost(Duration.ofSeconds(5)).until(() -> !f.emulator.locked(IP));
            assertThat(f.emulator.assignedDroplet(IP)).isEqualTo(102L);
        }
    }

    /** A thread of its own per task: the common pool may have a single thread on a small machine. */
    static final Executor THREAD = r -> new Thread(r, "arbiter-test").start();

    static boolean ask(FloatingIpArbiter arbiter) {
        try {
            return arbiter.mayRunAlone("peer");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
