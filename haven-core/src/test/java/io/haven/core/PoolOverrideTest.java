package io.haven.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.core.server.CheckResult;
import io.haven.core.server.CheckStatus;
import io.haven.core.server.PoolOverride;
import io.haven.core.server.PoolOverrideNote;
import io.haven.core.server.Server;
import io.haven.core.server.ServerEvent;
import io.haven.core.server.ServerEvents;
import io.haven.core.server.ServerStatus;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code set server B/S pool in|out|auto}: OUT drains whatever the checks say, IN overrides only a
 * lag exclusion (never a 404, never a failed check), AUTO returns to the checks; each change is an
 * event with who and why, and the override survives a reload.
 */
class PoolOverrideTest {
    private static final String CONFIG = """
            backend ro
              option mysql-lag-check user haven max-lag 1s min-servers %d
              default-server check rise 1 fall 1
              server r1 127.0.0.1:1
              server r2 127.0.0.1:2
              server r3 127.0.0.1:3
            """;
    private static final CheckResult FRESH = new CheckResult(CheckStatus.L7OK, 0, "replication lag 0.010s", 1);
    private static final CheckResult LAGGING =
            new CheckResult(CheckStatus.L7OKC, 0, "replication lag 2.310s over max-lag 1.000s", 1).forLag();
    private static final CheckResult NOT_FOUND = new CheckResult(CheckStatus.L7OKC, 404, "", 1);
    private static final CheckResult FAIL = CheckResult.of(CheckStatus.L4CON, "Connection refused", 1);

    private final List<ServerEvent> events = new ArrayList<>();
    private final List<String> logged = new ArrayList<>();
    private Generation gen;

    private Generation build(int minServers, Generation previous) throws Exception {
        ServerEvents bus = new ServerEvents();
        bus.add(events::add);
        bus.add(new ServerEventLog(() -> gen, logged::add));
        gen = Generations.of(CONFIG.formatted(minServers), previous, bus);
        return gen;
    }

    private Server server(String name) {
        return gen.server("ro/" + name).orElseThrow();
    }

    private static PoolOverrideNote note(PoolOverride o, String reason) {
        return new PoolOverrideNote(o, reason, "unix:/run/haven.sock", "admin", 1_700_000_000_000L);
    }

    private List<String> served() {
        return java.util.Arrays.stream(gen.backend("ro").orElseThrow().lb().servers()).map(Server::name).toList();
    }

    @Test
    void outTakesAFreshServerOutOfTheBalancerAsDrainAndSaysWhoAndWhy() throws Exception {
        build(0, null);
        server("r1").onCheckResult(FRESH);
        server("r1").setPoolOverride(note(PoolOverride.OUT, "reindexing"));
        assertThat(server("r1").status()).isEqualTo(ServerStatus.DRAIN);
        assertThat(server("r1").statusText()).isEqualTo("DRAIN (forced out)");
        assertThat(server("r1").draining()).as("an operator's drain is a separate switch").isFalse();
        assertThat(served()).containsExactly("r2", "r3");
        server("r1").onCheckResult(FRESH);
        assertThat(server("r1").status()).as("checks do not bring it back").isEqualTo(ServerStatus.DRAIN);
        assertThat(events).last().satisfies(e -> {
            assertThat(e.cause()).isEqualTo(ServerEvent.Cause.OVERRIDE);
            assertThat(e.from()).isEqualTo(ServerStatus.UP);
            assertThat(e.to()).isEqualTo(ServerStatus.DRAIN);
        });
        assertThat(logged).containsExactly("Server ro/r1 forced out of the pool by unix:/run/haven.sock (admin):"
                + " reason \"reindexing\"; UP -> DRAIN. 2 active and 0 backup servers online.");
    }

    @Test
    void outStillLetsHealthChecksTakeTheServerDown() throws Exception {
        build(0, null);
        server("r1").setPoolOverride(note(PoolOverride.OUT, ""));
        server("r1").onCheckResult(FAIL);
        assertThat(server("r1").status()).isEqualTo(ServerStatus.DOWN);
        server("r1").onCheckResult(FRESH);
        assertThat(server("r1").status()).isEqualTo(ServerStatus.DRAIN);
    }

    @Test
    void inKeepsALaggingReplicaUpAndServedUntilAuto() throws Exception {
        build(0, null);
        server("r2").onCheckResult(LAGGING);
        assertThat(server("r2").status()).isEqualTo(ServerStatus.NOLB);
        server("r2").setPoolOverride(note(PoolOverride.IN, "reads may be stale, approved"));
        assertThat(server("r2").status()).isEqualTo(ServerStatus.UP);
        assertThat(server("r2").statusText()).isEqualTo("UP (forced in)");
        assertThat(server("r2").lagExcluded()).isTrue();
        assertThat(served()).containsExactly("r1", "r2", "r3");
        server("r2").onCheckResult(LAGGING);
        assertThat(server("r2").status()).as("later lag results do not exclude it").isEqualTo(ServerStatus.UP);
        server("r2").setPoolOverride(note(PoolOverride.AUTO, "caught up"));
        assertThat(server("r2").status()).isEqualTo(ServerStatus.NOLB);
        assertThat(server("r2").poolOverride()).isEqualTo(PoolOverrideNote.NONE);
        assertThat(served()).containsExactly("r1", "r3");
        assertThat(logged).last().asString().startsWith("Server ro/r2 returned to the checks' judgement by"
                + " unix:/run/haven.sock (admin): reason \"caught up\"; UP -> NOLB.");
    }

    @Test
    void inDoesNotOverrideA404NorAFailedCheck() throws Exception {
        build(0, null);
        server("r1").setPoolOverride(note(PoolOverride.IN, ""));
        assertThat(logged).containsExactly("Server ro/r1 forced into the pool by unix:/run/haven.sock (admin),"
                + " no reason given; still UP.");
        server("r1").onCheckResult(NOT_FOUND);
        assertThat(server("r1").status()).as("404 under disable-on-404 keeps HAProxy's meaning").isEqualTo(ServerStatus.NOLB);
        assertThat(server("r1").statusText()).isEqualTo("NOLB");
        server("r1").onCheckResult(FAIL);
        assertThat(server("r1").status()).as("forcing in is about lag, not a dead server").isEqualTo(ServerStatus.DOWN);
        server("r1").onCheckResult(LAGGING);
        assertThat(server("r1").status()).isEqualTo(ServerStatus.UP);
    }

    @Test
    void aForcedOutReplicaIsNeverUsedToTopUpADegradedPool() throws Exception {
        build(2, null);
        server("r1").reportReplicationLag(10);
        server("r2").reportReplicationLag(1500);
        server("r3").reportReplicationLag(2000);
        server("r2").onCheckResult(LAGGING);
        server("r3").onCheckResult(LAGGING);
        assertThat(served()).containsExactly("r1", "r2");
        server("r2").setPoolOverride(note(PoolOverride.OUT, "broken index"));
        assertThat(served()).as("the next least lagged tops the pool up").containsExactly("r1", "r3");
        assertThat(server("r3").servedDegraded()).isTrue();
        server("r3").setPoolOverride(note(PoolOverride.IN, ""));
        assertThat(served()).containsExactly("r1", "r3");
        assertThat(server("r3").servedDegraded()).as("served on the operator's word, not to reach the floor").isFalse();
        assertThat(gen.backend("ro").orElseThrow().lb().degraded()).isZero();
    }

    @Test
    void theOverrideWithItsNoteSurvivesAReload() throws Exception {
        Generation g1 = build(0, null);
        g1.server("ro/r1").orElseThrow().setPoolOverride(note(PoolOverride.OUT, "reindexing"));
        g1.server("ro/r2").orElseThrow().onCheckResult(LAGGING);
        g1.server("ro/r2").orElseThrow().setPoolOverride(note(PoolOverride.IN, "approved"));
        build(0, g1);
        assertThat(server("r1").poolOverride()).isEqualTo(note(PoolOverride.OUT, "reindexing"));
        assertThat(server("r1").status()).isEqualTo(ServerStatus.DRAIN);
        assertThat(server("r2").poolOverride().reason()).isEqualTo("approved");
        assertThat(server("r2").status()).isEqualTo(ServerStatus.UP);
        assertThat(server("r2").lagExcluded()).isTrue();
        assertThat(served()).containsExactly("r2", "r3");
    }

    @Test
    void reasonsAreQuotedWithTheirQuotesEscaped() {
        assertThat(note(PoolOverride.OUT, "say \"no\" \\ now").describe())
                .isEqualTo("forced out of the pool by unix:/run/haven.sock (admin): reason \"say \\\"no\\\" \\\\ now\"");
    }
}
