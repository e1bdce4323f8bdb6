package io.haven.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.config.model.AccessLevel;
import io.haven.core.Generation;
import io.haven.core.server.CheckResult;
import io.haven.core.server.CheckStatus;
import io.haven.core.server.PoolOverride;
import io.haven.core.server.Server;
import io.haven.core.server.ServerStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code set server B/S pool in|out|auto [reason ...]} and {@code show pools [<backend>]}. */
class PoolCommandsTest {
    private static final String CONFIG = """
            defaults
                mode tcp
                timeout connect 1s
                timeout client 5s
                timeout server 5s
            backend web
                server w1 127.0.0.1:8001 check
            listen mysql_ro
                bind 127.0.0.1:13306
                option mysql-lag-check user haven max-lag 1s back-in 500ms min-servers 2 hard-max-lag 5s
                default-server check inter 100ms rise 1 fall 1
                server r1 127.0.0.1:3307
                server r2 127.0.0.1:3308
                server r3 127.0.0.1:3309
            backend other_ro
                option mysql-lag-check user haven replica-status
                server o1 127.0.0.1:3310 check
            """;
    private static final String SOCKET = "unix:/run/haven.sock";
    private static final String WHEN = "20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ";

    private final Generation gen = TestGenerations.build(CONFIG);
    private final RuntimeApi api = new RuntimeApi(() -> gen, new FakeHooks());

    private String admin(String line) {
        return api.execute(line, new CliSession(AccessLevel.ADMIN, SOCKET));
    }

    private String user(String line) {
        return api.execute(line, AccessLevel.USER);
    }

    private Server server(String ref) {
        return gen.server(ref).orElseThrow();
    }

    private void lag(String name, long millis) {
        Server s = server("mysql_ro/" + name);
        s.reportReplicationLag(millis);
        s.onCheckResult(millis > 1000
                ? new CheckResult(CheckStatus.L7OKC, 0, "replication lag over max-lag", 1).forLag()
                : new CheckResult(CheckStatus.L7OK, 0, "replication lag", 1));
    }

    @Test
    void showPoolsListsEveryLagCheckedBackendWithItsSettingsAndServers() {
        assertThat(user("show pools")).isEqualTo("""
                # pool mysql_ro: 3/3 fresh, min-servers 2, max-lag 1.000s, back-in 0.500s, hard-max-lag 5.000s, state ok
                # server status lag served override reason who when
                r1 UP unknown yes auto - - -
                r2 UP unknown yes auto - - -
                r3 UP unknown yes auto - - -
                # pool other_ro: 1/1 fresh, min-servers 0, max-lag 1.000s, back-in 0.500s, hard-max-lag 5.000s, state ok
                # server status lag served override reason who when
                o1 UP unknown yes auto - - -

                """);
    }

    @Test
    void laggingDegradedAndForcedOutServersShowWhyAndWhoAndWhen() {
        lag("r1", 12);
        lag("r2", 2310);
        lag("r3", 20);
        assertThat(admin("set server mysql_ro/r3 pool out reason reindexing the \"orders\" table")).isEqualTo("\n");
        assertThat(server("mysql_ro/r3").status()).isEqualTo(ServerStatus.DRAIN);
        assertThat(server("mysql_ro/r3").poolOverride().who()).isEqualTo(SOCKET);
        String out = user("show pools mysql_ro");
        assertThat(out.lines().toList()).hasSize(6).satisfies(lines -> {
            assertThat(lines.get(0)).isEqualTo("# pool mysql_ro: 1/3 fresh, min-servers 2, max-lag 1.000s,"
                    + " back-in 0.500s, hard-max-lag 5.000s, state degraded");
            assertThat(lines.get(2)).isEqualTo("r1 UP 0.012s yes auto - - -");
            assertThat(lines.get(3)).isEqualTo("r2 NOLB 2.310s degraded auto - - -");
            assertThat(lines.get(4)).matches("r3 DRAIN 0\\.020s no out \"reindexing the \\\\\"orders\\\\\" table\""
                    + " unix:/run/haven\\.sock\\(admin\\) " + WHEN);
            assertThat(lines.get(5)).isEmpty();
        });
        assertThat(user("show stat mysql_ro 4 3")).contains(",DRAIN (forced out),");
    }

    @Test
    void forcedInLaggingReplicaIsServedButNotCountedFresh() {
        lag("r1", 12);
        lag("r2", 2310);
        lag("r3", 3000);
        assertThat(admin("set server mysql_ro/r3 pool in")).isEqualTo("\n");
        assertThat(server("mysql_ro/r3").statusText()).isEqualTo("UP (forced in)");
        assertThat(user("show pools mysql_ro")).contains(": 1/3 fresh,", "state ok\n")
                .contains("\nr2 NOLB 2.310s no auto - - -\n")
                .containsPattern("\nr3 UP 3\\.000s yes in - unix:/run/haven\\.sock\\(admin\\) " + WHEN + "\n");
        assertThat(admin("set server mysql_ro/r3 pool auto reason caught up")).isEqualTo("\n");
        assertThat(server("mysql_ro/r3").poolOverride().override()).isEqualTo(PoolOverride.AUTO);
        assertThat(user("show pools mysql_ro")).contains("\nr3 NOLB 3.000s no auto - - -\n");
    }

    @Test
    void aPoolWithNothingToServeIsDownAndOneBelowItsFloorIsShort() {
        lag("r1", 12);
        lag("r2", 7000);
        lag("r3", 8000);
        assertThat(user("show pools mysql_ro")).startsWith("# pool mysql_ro: 1/3 fresh").contains("state short\n");
        admin("set server mysql_ro/r1 pool out");
        assertThat(user("show pools mysql_ro")).contains("state down\n");
    }

    @Test
    void poolOverridesWorkOnAnyServerButShowPoolsOnlyOnPools() {
        assertThat(admin("set server web/w1 pool out reason decommissioning")).isEqualTo("\n");
        assertThat(server("web/w1").status()).isEqualTo(ServerStatus.DRAIN);
        assertThat(user("show pools web")).isEqualTo("Backend web is not a pool: it has no 'option mysql-lag-check'.\n\n");
        assertThat(user("show pools nope")).isEqualTo("No such backend.\n\n");
        assertThat(user("show pools")).doesNotContain("w1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"set server mysql_ro/r1 pool", "set server mysql_ro/r1 pool sideways",
        "set server mysql_ro/r1 pool out because", "set server mysql_ro/r1 pool out reason"})
    void malformedPoolCommandsGetTheUsageAndChangeNothing(String command) {
        assertThat(admin(command)).isEqualTo(PoolOverrideCommand.USAGE + "\n");
        assertThat(server("mysql_ro/r1").poolOverride().override()).isEqualTo(PoolOverride.AUTO);
        assertThat(server("mysql_ro/r1").status()).isEqualTo(ServerStatus.UP);
    }

    @Test
    void anOverlongReasonIsRefused() {
        assertThat(admin("set server mysql_ro/r1 pool out reason " + "x".repeat(201)))
                .isEqualTo("The reason is too long: at most 200 characters.\n\n");
        assertThat(server("mysql_ro/r1").status()).isEqualTo(ServerStatus.UP);
    }

    @Test
    void changingAPoolNeedsAdminButReadingPoolsDoesNot() {
        assertThat(api.execute("set server mysql_ro/r1 pool out", AccessLevel.OPERATOR)).isEqualTo("Permission denied\n\n");
        assertThat(server("mysql_ro/r1").status()).isEqualTo(ServerStatus.UP);
        assertThat(user("show pools")).startsWith("# pool mysql_ro:");
        assertThat(user("help")).contains(String.format("  %-40s: %s%n", "show pools [<backend>]",
                "lag-checked pools; per server: status lag served override reason who when"));
        assertThat(api.execute("help set server", AccessLevel.ADMIN)).contains("pool in|out|auto [reason <text>]");
    }
}
