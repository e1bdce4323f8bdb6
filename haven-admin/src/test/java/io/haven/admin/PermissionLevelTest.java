package io.haven.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.config.model.AccessLevel;
import io.haven.core.Generation;
import io.haven.core.server.ServerStatus;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PermissionLevelTest {
    private final Generation gen = TestGenerations.build();
    private final FakeHooks hooks = new FakeHooks();
    private final RuntimeApi api = new RuntimeApi(() -> gen, hooks);

    @ParameterizedTest
    @ValueSource(strings = {"disable server be/s1", "enable server be/s1", "set server be/s1 state maint",
        "set server be/s1 weight 0", "set weight be/s1 0", "disable health be/s1", "enable agent db/db1", "reload",
        "set server be/s1 pool out reason test"})
    void userAndOperatorCannotChangeServersOrReload(String command) {
        assertThat(api.execute(command, AccessLevel.USER)).isEqualTo("Permission denied\n\n");
        assertThat(api.execute(command, AccessLevel.OPERATOR)).isEqualTo("Permission denied\n\n");
        assertThat(gen.server("be/s1").orElseThrow().status()).isEqualTo(ServerStatus.UP);
        assertThat(gen.server("be/s1").orElseThrow().weight()).isEqualTo(10);
        assertThat(hooks.reloads).hasValue(0);
    }

    @Test
    void permissionIsCheckedBeforeTheServerIsLookedUp() {
        assertThat(api.execute("disable server nope/x", AccessLevel.USER)).isEqualTo("Permission denied\n\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"show info", "show stat", "show servers state", "show backend", "get weight be/s1", "help",
        "show pools"})
    void userMayReadEverything(String command) {
        assertThat(api.execute(command, AccessLevel.USER)).doesNotContain("Permission denied");
    }

    @Test
    void levelCanBeLoweredForTheRestOfTheSessionButNotRaised() {
        CliSession session = new CliSession(AccessLevel.ADMIN);
        assertThat(api.execute("show cli level; operator; show cli level", session)).isEqualTo("admin\n\n\noperator\n\n");
        assertThat(api.execute("disable server be/s1", session)).isEqualTo("Permission denied\n\n");
        assertThat(api.execute("user; show cli level; operator", session)).isEqualTo("\nuser\n\nPermission denied\n\n");
        assertThat(session.level()).isEqualTo(AccessLevel.USER);
    }

    @Test
    void helpListsOnlyTheCommandsOfTheCallersLevel() {
        String user = api.execute("help", AccessLevel.USER);
        String admin = api.execute("help", AccessLevel.ADMIN);
        assertThat(user).contains("  show stat").contains("  get weight <bk>/<srv>")
                .doesNotContain("disable server").doesNotContain("  reload");
        assertThat(admin).contains("  disable server (DEPRECATED)             : disable a server for maintenance"
                + " (use 'set server' instead)\n").contains("  reload ");
    }
}
