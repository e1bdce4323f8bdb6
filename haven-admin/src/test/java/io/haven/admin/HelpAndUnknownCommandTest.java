package io.haven.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.haven.config.model.AccessLevel;
import io.haven.core.Generation;
import java.util.List;
import org.junit.jupiter.api.Test;

class HelpAndUnknownCommandTest {
    private static final String ALWAYS = ""
            + "  help [<command>]                        : list matching or all commands\n"
            + "  prompt                                  : toggle interactive mode with prompt\n"
            + "  quit                                    : disconnect\n";

    private final Generation gen = TestGenerations.build();
    private final RuntimeApi api = new RuntimeApi(() -> gen, new FakeHooks());

    @Test
    void helpListsCommandsSortedWithHaproxysLayoutThenHelpPromptQuit() {
        String help = api.execute("help", AccessLevel.ADMIN);
        assertThat(help).startsWith("The following commands are valid at this level:\n").endsWith(ALWAYS + "\n");
        List<String> lines = help.lines().skip(1).filter(l -> !l.isEmpty()).toList();
        List<String> commands = lines.subList(0, lines.size() - 3);
        assertThat(commands).isSorted().allMatch(l -> l.startsWith("  ") && l.indexOf(": ") >= 42);
        assertThat(commands).contains(
                "  show servers state [<backend>]          : dump volatile server information (all or for a single backend)",
                "  show backend                            : list backends in the current running config",
                "  get weight <bk>/<srv>                   : report a server's current weight");
    }

    @Test
    void helpWithAWordListsTheMatchingCommands() {
        String help = api.execute("help show servers", AccessLevel.USER);
        assertThat(help.lines().filter(l -> l.startsWith("  show"))).containsExactly(
                "  show servers state [<backend>]          : dump volatile server information (all or for a single backend)");
    }

    @Test
    void unknownCommandQuotesItsFirstWordAndProposesCloseCommands() {
        String reply = api.execute("show foo", AccessLevel.USER);
        assertThat(reply).startsWith("Unknown command: 'show', but maybe one of the following ones is a better match:\n")
                .endsWith(ALWAYS + "\n");
        assertThat(reply.lines().skip(1).limit(3)).allMatch(l -> l.startsWith("  show "));
    }

    @Test
    void typoInTheFirstWordProposesTheLikelyCommand() {
        String reply = api.execute("relaod", AccessLevel.ADMIN);
        assertThat(reply).startsWith("Unknown command: 'relaod', but maybe one of the following ones is a better match:\n"
                + "  reload ");
    }

    @Test
    void commandsAboveTheCallersLevelAreNotProposed() {
        assertThat(api.execute("disable srv be/s1", AccessLevel.USER)).doesNotContain("  disable");
    }
}
