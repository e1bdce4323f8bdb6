package io.haven.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.config.model.AccessLevel;
import io.haven.core.Generation;
import io.haven.core.server.ServerStatus;
import org.junit.jupiter.api.Test;

class CommandChainingTest {
    private final Generation gen = TestGenerations.build();
    private final RuntimeApi api = new RuntimeApi(() -> gen, new FakeHooks());

    @Test
    void commandsSeparatedBySemicolonsRunInOrderEachEndingWithAnEmptyLine() {
        String out = api.execute("set server be/s1 weight 7; get weight be/s1;disable server be/s1;get weight be/s2",
                AccessLevel.ADMIN);
        assertThat(out).isEqualTo("\n7 (initial 10)\n\n\n1 (initial 1)\n\n");
        assertThat(gen.server("be/s1").orElseThrow().status()).isEqualTo(ServerStatus.MAINT);
    }

    @Test
    void aFailingCommandDoesNotStopTheNextOnes() {
        String out = api.execute("disable server be/nope; show backend", AccessLevel.ADMIN);
        assertThat(out).isEqualTo("No such server.\n\n# name\nbe\ndb\n\n");
    }

    @Test
    void quitStopsTheLine() {
        CliSession session = new CliSession(AccessLevel.ADMIN);
        assertThat(api.execute("show backend; quit; disable server be/s1", session)).isEqualTo("# name\nbe\ndb\n\n");
        assertThat(session.quitRequested()).isTrue();
        assertThat(gen.server("be/s1").orElseThrow().status()).isEqualTo(ServerStatus.UP);
    }

    @Test
    void promptMakesTheSessionInteractiveAndEndsEachOutputWithThePrompt() {
        CliSession session = new CliSession(AccessLevel.USER);
        assertThat(api.execute("prompt", session)).isEqualTo("\n> ");
        assertThat(api.execute("show backend", session)).isEqualTo("# name\nbe\ndb\n\n> ");
        assertThat(api.execute("", session)).isEqualTo("\n> ");
        assertThat(api.execute("prompt", session)).isEqualTo("\n");
        assertThat(session.interactive()).isFalse();
    }
}
