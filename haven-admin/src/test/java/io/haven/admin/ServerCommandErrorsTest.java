package io.haven.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.config.model.AccessLevel;
import io.haven.core.Generation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServerCommandErrorsTest {
    private final Generation gen = TestGenerations.build();
    private final RuntimeApi api = new RuntimeApi(() -> gen, new FakeHooks());

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "disable server be|Require 'backend/server'.",
        "disable server|Require 'backend/server'.",
        "enable server /s1|Require 'backend/server'.",
        "set server be/ state ready|Require 'backend/server'.",
        "disable server nope/s1|No such backend.",
        "disable server be/nope|No such server.",
        "get weight fe/s1|No such backend.",
        "set server be/s1 state up|'set server <srv> state' expects 'ready', 'drain' and 'maint'.",
        "set server be/s1 addr 10.0.0.1|'set server <srv>' only supports 'state', 'weight' and 'pool'.",
        "set server be/s1 weight|Require <weight> or <weight%>.",
        "set server be/s1 weight 300|Absolute weight can only be between 0 and 256 inclusive.",
        "set server be/s1 weight -1|Absolute weight can only be between 0 and 256 inclusive.",
        "set server be/s1 weight -5%|Relative weight must be positive.",
        "set server be/s1 weight 5x|Trailing garbage in weight string",
        "set server be/s1 weight x|Empty weight string empty or preceded by garbage",
    })
    void repliesWithHaproxysErrorTextFollowedByAnEmptyLine(String command, String reply) {
        assertThat(api.execute(command, AccessLevel.ADMIN)).isEqualTo(reply + "\n\n");
    }

    @ParameterizedTest
    @CsvSource({"set server be/s1 weight 300", "disable server be/nope", "set server be/s1 state up"})
    void aRefusedChangeLeavesTheServerAsItWas(String command) {
        api.execute(command, AccessLevel.ADMIN);
        assertThat(gen.server("be/s1").orElseThrow().weight()).isEqualTo(10);
        assertThat(gen.server("be/s1").orElseThrow().usable()).isTrue();
    }
}
