package io.haven.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.config.model.AccessLevel;
import io.haven.core.Generation;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReloadCommandTest {
    @Test
    void reloadRunsTheHookAndPrintsItsReply() {
        FakeHooks hooks = new FakeHooks();
        RuntimeApi api = new RuntimeApi(TestGenerations::build, hooks);
        assertThat(api.execute("reload", AccessLevel.ADMIN)).isEqualTo("Success=1\n--\n\n");
        assertThat(hooks.reloads).hasValue(1);
    }

    @Test
    void commandsAfterAReloadSeeTheNewGeneration() {
        AtomicReference<Generation> current = new AtomicReference<>(TestGenerations.build());
        FakeHooks hooks = new FakeHooks();
        hooks.onReload = () -> {
            current.set(TestGenerations.build(TestGenerations.CONFIG.replace("be", "be2")));
            return "Success=1\n--\n";
        };
        RuntimeApi api = new RuntimeApi(current::get, hooks);
        assertThat(api.execute("reload; show backend", AccessLevel.ADMIN)).endsWith("# name\nbe2\ndb\n\n");
    }

    @Test
    void aThrowingCommandIsAnsweredWithAnErrorAndTheNextCommandsRun() {
        FakeHooks hooks = new FakeHooks();
        hooks.onReload = () -> {
            throw new IllegalStateException("boom");
        };
        RuntimeApi api = new RuntimeApi(TestGenerations::build, hooks);
        assertThat(api.execute("reload; show backend", AccessLevel.ADMIN))
                .isEqualTo("Internal error while running 'reload': java.lang.IllegalStateException: boom\n\n"
                        + "# name\nbe\ndb\n\n");
    }
}
