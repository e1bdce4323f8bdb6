package io.haven.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.config.model.AccessLevel;
import io.haven.core.Generation;
import io.haven.core.server.Server;
import io.haven.core.server.ServerStatus;
import org.junit.jupiter.api.Test;

class ServerStateCommandsTest {
    private final Generation gen = TestGenerations.build();
    private final RuntimeApi api = new RuntimeApi(() -> gen, new FakeHooks());

    private String admin(String line) {
        return api.execute(line, AccessLevel.ADMIN);
    }

    private Server server(String ref) {
        return gen.server(ref).orElseThrow();
    }

    @Test
    void disableServerPutsItInMaintenanceAndShowStatSaysMaint() {
        assertThat(admin("disable server be/s1")).isEqualTo("\n");
        assertThat(server("be/s1").status()).isEqualTo(ServerStatus.MAINT);
        assertThat(admin("show stat be 4 1")).contains("\nbe,s1,").contains(",MAINT,");
    }

    @Test
    void enableServerLeavesForcedMaintenanceAndDrain() {
        admin("disable server be/s1");
        assertThat(admin("enable server be/s1")).isEqualTo("\n");
        assertThat(server("be/s1").status()).isEqualTo(ServerStatus.UP);
        admin("set server be/s1 state drain");
        admin("enable server be/s1");
        assertThat(server("be/s1").status()).isEqualTo(ServerStatus.UP);
    }

    @Test
    void enableServerTakesAServerDisabledInTheConfigurationOutOfMaintenance() {
        assertThat(server("be/s3").status()).isEqualTo(ServerStatus.MAINT);
        admin("enable server be/s3");
        assertThat(server("be/s3").status()).isEqualTo(ServerStatus.UP);
    }

    @Test
    void setServerStateMovesBetweenReadyDrainAndMaint() {
        admin("set server be/s1 state drain");
        assertThat(server("be/s1").status()).isEqualTo(ServerStatus.DRAIN);
        assertThat(server("be/s1").usable()).isFalse();
        admin("set server be/s1 state maint");
        assertThat(server("be/s1").status()).isEqualTo(ServerStatus.MAINT);
        assertThat(server("be/s1").draining()).isFalse();
        admin("set server be/s1 state drain");
        assertThat(server("be/s1").status()).isEqualTo(ServerStatus.DRAIN);
        assertThat(server("be/s1").inMaintenance()).isFalse();
        admin("set server be/s1 state ready");
        assertThat(server("be/s1").status()).isEqualTo(ServerStatus.UP);
    }

    @Test
    void setWeightAcceptsAbsoluteAndRelativeValues() {
        assertThat(admin("set server be/s1 weight 20")).isEqualTo("\n");
        assertThat(server("be/s1").weight()).isEqualTo(20);
        admin("set server be/s1 weight 50%");
        assertThat(server("be/s1").weight()).isEqualTo(5);
        admin("set weight be/s1 10000%");
        assertThat(server("be/s1").weight()).isEqualTo(256);
        assertThat(admin("get weight be/s1")).isEqualTo("256 (initial 10)\n\n");
    }

    @Test
    void weightZeroTakesTheServerOutOfTheBalancer() {
        admin("set server be/s1 weight 0");
        assertThat(gen.backend("be").orElseThrow().lb().servers()).extracting(Server::name).containsExactly("s2");
        // the backup takes over: backend weight is the backup's, no active server, one backup
        assertThat(admin("show stat be 2 -1")).contains("\nbe,BACKEND,").contains(",UP,1,0,1,");
    }

    @Test
    void healthChecksCanBeDisabledAndEnabled() {
        admin("disable health be/s1");
        assertThat(server("be/s1").checkEnabled()).isFalse();
        assertThat(server("be/s1").statusText()).isEqualTo("no check");
        admin("enable health be/s1");
        assertThat(server("be/s1").checkEnabled()).isTrue();
    }

    @Test
    void agentChecksCanBeDisabledAndEnabled() {
        admin("disable agent db/db1");
        assertThat(server("db/db1").agentEnabled()).isFalse();
        admin("enable agent db/db1");
        assertThat(server("db/db1").agentEnabled()).isTrue();
    }

    @Test
    void enablingAnUnconfiguredCheckIsRefusedWithHaproxysText() {
        assertThat(admin("enable agent be/s1")).isEqualTo("Agent was not configured on this server, cannot enable.\n\n");
        assertThat(admin("enable health db/db1"))
                .isEqualTo("Health checks are not configured on this server, cannot enable.\n\n");
    }

    @Test
    void serversCanBeNamedByNumericId() {
        admin("disable server #2/#1");
        assertThat(server("be/s1").status()).isEqualTo(ServerStatus.MAINT);
    }
}
