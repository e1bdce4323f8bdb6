package io.haven.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.config.model.AccessLevel;
import io.haven.core.Generation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdminExtensionTest {
    private final Generation gen = TestGenerations.build();
    private final RuntimeApi api = new RuntimeApi(() -> gen, new FakeHooks());
    private final List<String> calls = new ArrayList<>();

    AdminExtensionTest() {
        api.register("show cluster", "show cluster [json]", "show nodes, quorum and resources", AccessLevel.USER,
                (args, s) -> "cluster " + args + " for " + s.level() + "\n");
        api.register("cluster standby", "cluster standby <node>", "put a node in standby", AccessLevel.ADMIN,
                (args, s) -> {
                    calls.add(String.join(" ", args));
                    return "";
                });
    }

    @Test
    void aContributedCommandGetsTheWordsAfterItsKeywords() {
        assertThat(api.execute("show cluster json", AccessLevel.USER)).isEqualTo("cluster [json] for USER\n\n");
        assertThat(api.execute("cluster standby lb1; show cluster", AccessLevel.ADMIN)).isEqualTo("\ncluster [] for ADMIN\n\n");
        assertThat(calls).containsExactly("lb1");
    }

    @Test
    void itHasALevelAndAHelpLineLikeTheBuiltInOnes() {
        assertThat(api.execute("cluster standby lb1", AccessLevel.OPERATOR)).isEqualTo("Permission denied\n\n");
        assertThat(calls).isEmpty();
        assertThat(api.execute("help", AccessLevel.ADMIN)).contains(String.format("  %-40s: %s\n", "cluster standby <node>", "put a node in standby"));
        assertThat(api.execute("help", AccessLevel.USER)).contains("show cluster [json]").doesNotContain("cluster standby");
    }
}
