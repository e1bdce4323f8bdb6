package io.haven.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.config.model.AccessLevel;
import io.haven.core.Generation;
import io.haven.core.server.CheckResult;
import io.haven.core.server.CheckStatus;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServersStateTest {
    static final String HEADER = "# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight"
            + " srv_iweight srv_time_since_last_change srv_check_status srv_check_result srv_check_health"
            + " srv_check_state srv_agent_state bk_f_forced_id srv_f_forced_id srv_fqdn srv_port srvrecord"
            + " srv_use_ssl srv_check_port srv_check_addr srv_agent_addr srv_agent_port";

    private final Generation gen = TestGenerations.build();
    private final RuntimeApi api = new RuntimeApi(() -> gen, new FakeHooks());

    @Test
    void printsFormatVersionHeaderAndOneLinePerServer() {
        List<String> lines = api.execute("show servers state", AccessLevel.USER).lines().toList();
        assertThat(lines.get(0)).isEqualTo("1");
        assertThat(lines.get(1)).isEqualTo(HEADER);
        assertThat(lines.subList(2, lines.size())).containsExactly(
                "2 be 1 s1 127.0.0.1 2 0 10 10 0 1 0 2 6 0 0 0 - 9001 - 0 0 - - 0",
                "2 be 2 s2 127.0.0.1 2 0 1 1 0 1 0 2 6 0 0 0 - 9002 - 0 0 - - 0",
                "2 be 3 s3 127.0.0.1 0 5 1 1 0 0 0 2 0 0 0 0 - 9003 - 0 0 - - 0",
                "3 db 1 db1 127.0.0.1 2 0 1 1 0 0 0 2 0 22 0 0 - 3307 - 0 0 - - 9999",
                "");
    }

    @Test
    void checkResultsUseHaproxysNumbers() {
        gen.server("be/s1").orElseThrow().onCheckResult(new CheckResult(CheckStatus.L7STS, 503, "", 2));
        gen.server("be/s2").orElseThrow().onCheckResult(CheckResult.of(CheckStatus.L4CON, "refused", 1));
        String out = api.execute("show servers state be", AccessLevel.USER);
        // L7STS is 17, failed is 2; health fell from rise (2) to 0; L4CON is 8
        assertThat(out).contains("\n2 be 1 s1 127.0.0.1 0 0 10 10 0 17 2 0 6 0 ")
                .contains("\n2 be 2 s2 127.0.0.1 0 0 1 1 0 8 2 0 6 0 ");
    }

    @Test
    void disableServerSetsTheForcedMaintenanceBitAndPausesChecks() {
        api.execute("disable server be/s1", AccessLevel.ADMIN);
        assertThat(line("be", "s1")).startsWith("2 be 1 s1 127.0.0.1 0 1 10 10 ").contains(" 1 0 2 14 0 ");
        api.execute("set server be/s2 state drain", AccessLevel.ADMIN);
        assertThat(line("be", "s2")).startsWith("2 be 2 s2 127.0.0.1 2 8 ");
    }

    @Test
    void limitsToOneBackendByNameOrId() {
        assertThat(api.execute("show servers state db", AccessLevel.USER).lines()).hasSize(4);
        assertThat(api.execute("show servers state 2", AccessLevel.USER).lines()).hasSize(6);
    }

    @Test
    void unknownBackendGetsHaproxysError() {
        assertThat(api.execute("show servers state nope", AccessLevel.USER)).isEqualTo("Can't find backend.\n\n");
    }

    @Test
    void showBackendListsBackendsInConfigurationOrder() {
        assertThat(api.execute("show backend", AccessLevel.USER)).isEqualTo("# name\nbe\ndb\n\n");
    }

    private String line(String backend, String server) {
        return api.execute("show servers state " + backend, AccessLevel.USER).lines()
                .filter(l -> l.contains(" " + backend + " ") && l.contains(" " + server + " ")).findFirst().orElseThrow();
    }
}
