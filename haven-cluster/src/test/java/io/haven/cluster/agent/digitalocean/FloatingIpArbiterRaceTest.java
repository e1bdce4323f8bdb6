package io.haven.cluster.agent.digitalocean;

import static io.haven.cluster.agent.digitalocean.FloatingIpFixture.IP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.haven.cluster.digitalocean.ConflictPolicy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both sides of a cut link ask at the same instant: DigitalOcean runs one action per IP, so at most
 * one side may run alone; with the documented behaviour (a second action on a locked IP is
 * refused) exactly one does, and it is the one the API says holds the IP.
 */
class FloatingIpArbiterRaceTest {
    private static final int ROUNDS = 5;

    static Stream<Arguments> starts() {
        // holder: who has the IP before; grace 0 makes both claim at once even when one holds it
        return Stream.of(Arguments.of(null, Duration.ZERO), Arguments.of(101L, Duration.ZERO),
                Arguments.of(101L, ArbiterTimings.DEFAULT_GRACE));
    }

    @ParameterizedTest
    @MethodSource("starts")
    void exactlyOneSideRunsAloneAndItHoldsTheIp(Long holder, Duration grace) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            try (FloatingIpFixture f = new FloatingIpFixture(holder)) {
                boolean[] answers = race(f, grace);
                assertThat(answers[0] ^ answers[1]).as("round %d: answers %s", round, java.util.Arrays.toString(answers))
                        .isTrue();
                await().atMost(Duration.ofSeconds(5)).until(() -> !f.emulator.locked(IP));
                assertThat(f.emulator.assignedDroplet(IP)).isEqualTo(answers[0] ? 101L : 102L);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("starts")
    void withQueuedActionsAtMostOneSideRunsAlone(Long holder, Duration grace) throws Exception {
        for (int round = 0; round < ROUNDS; round++) {
            try (FloatingIpFixture f = new FloatingIpFixture(holder)) {
                f.emulator.conflictPolicy(ConflictPolicy.QUEUE);
                boolean[] answers = race(f, grace);
                assertThat(answers[0] && answers[1]).as("round %d: both ran alone", round).isFalse();
                await().atMost(Duration.ofSeconds(5)).until(() -> !f.emulator.locked(IP));
                if (answers[0] || answers[1]) {
                    assertThat(f.emulator.assignedDroplet(IP)).isEqualTo(answers[0] ? 101L : 102L);
                }
            }
        }
    }

    /** Droplets 101 and 102 ask at once; their answers in that order. */
    private static boolean[] race(FloatingIpFixture f, Duration grace) throws Exception {
        ArbiterTimings t = new ArbiterTimings(Duration.ofSeconds(10), grace, ArbiterTimings.DEFAULT_RECENT);
        FloatingIpArbiter one = f.arbiter(101, t);
        FloatingIpArbiter two = f.arbiter(102, t);
        CountDownLatch go = new CountDownLatch(1);
        CompletableFuture<Boolean> a = CompletableFuture.supplyAsync(() -> askOn(go, one), FloatingIpArbiterTest.THREAD);
        CompletableFuture<Boolean> b = CompletableFuture.supplyAsync(() -> askOn(go, two), FloatingIpArbiterTest.THREAD);
        go.countDown();
        return new boolean[] {a.get(), b.get()};
    }

    private static boolean askOn(CountDownLatch go, FloatingIpArbiter arbiter) {
        try {
            go.await();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
        return FloatingIpArbiterTest.ask(arbiter);
    }
}
