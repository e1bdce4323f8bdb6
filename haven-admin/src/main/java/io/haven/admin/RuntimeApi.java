package io.haven.admin;

import io.haven.config.model.AccessLevel;
import io.haven.core.Generation;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HAProxy's runtime API: executes a command line against the current generation, as the stats
 * socket does. Commands separated by {@code ;} run in order; each one's output is followed by an
 * empty line (or by the {@code > } prompt in interactive mode), so scripts can tell where one
 * output ends. Replies and error texts are HAProxy's ("Permission denied", "No such server.",
 * "Unknown command: '...'" and the command list). A command that throws is logged and answered
 * with an error; it never affects the caller.
 *
 * <p>The generation is read through the supplier for every command, so one instance serves the
 * whole life of the process across reloads.
 */
public final class RuntimeApi {
    private static final Logger LOG = LoggerFactory.getLogger(RuntimeApi.class);
    static final String PERMISSION_DENIED = "Permission denied\n";

    private final Supplier<Generation> current;
    private final CommandTable table = new CommandTable();

    public RuntimeApi(Supplier<Generation> current, AdminHooks hooks) {
        this.current = Objects.requireNonNull(current, "current");
        Objects.requireNonNull(hooks, "hooks");
        new ShowInfoCommand(current, hooks).register(table);
        new ShowStatCommand(current).register(table);
        new ServersStateCommand(current).register(table);
        new ShowPoolsCommand(current).register(table);
        new ServerCommands(current).register(table);
        new MapCommands(current).register(table);
        registerSessionCommands();
        table.add(new CliCommand(List.of("reload"), "reload", "reload the configuration into a new generation",
                AccessLevel.ADMIN, (args, s) -> hooks.reload()));
    }

    /**
     * Adds a command from another module. {@code keywords} are space-separated ({@code "show cluster"});
     * the help line shows {@code synopsis} and {@code description}, as HAProxy's does; the command
     * answers "Permission denied" below {@code level}, like the built-in ones.
     */
    public void register(String keywords, String synopsis, String description, AccessLevel level, AdminExtension command) {
        Objects.requireNonNull(command, "command");
        table.add(new CliCommand(List.of(keywords.trim().split("\\s+")), synopsis, description, level, command::run));
    }

    /** Removes a command added with {@link #register} (a reload dropped the Lua script that added it). */
    public void unregister(String keywords) {
        table.remove(List.of(keywords.trim().split("\\s+")));
    }

    /** Runs a line in a non-interactive conversation at {@code level}; each command's output ends with an empty line. */
    public String execute(String commandLine, AccessLevel level) {
        return execute(commandLine, new CliSession(level));
    }

    /**
     * Runs a line in an existing conversation, which {@code prompt}, {@code quit}, {@code operator}
     * and {@code user} change. Stops at {@code quit}.
     */
    public String execute(String commandLine, CliSession session) {
        List<List<String>> commands = CliTokenizer.commands(commandLine);
        if (commands.isEmpty()) {
            return session.delimiter();
        }
        StringBuilder out = new StringBuilder();
        for (List<String> words : commands) {
            String reply = executeOne(words, session);
            if (session.quitRequested()) {
                break;
            }
            out.append(reply).append(session.delimiter());
        }
        return out.toString();
    }

    /** The generation commands act on; the stats socket reads its idle timeout from it. */
    Generation generation() {
        return current.get();
    }

    private String executeOne(List<String> words, CliSession session) {
        switch (words.get(0)) {
            case "help":
                return table.help(words.subList(1, words.size()), session.level());
            case "prompt":
                session.togglePrompt();
                return "";
            case "quit":
                session.quit();
                return "";
            default:
                break;
        }
        Optional<CliCommand> found = table.find(words);
        if (found.isEmpty()) {
            return table.unknown(words, session.level());
        }
        CliCommand command = found.get();
        if (!session.level().allows(command.level())) {
            return PERMISSION_DENIED;
        }
        try {
            String reply = command.handler().run(words.subList(command.words().size(), words.size()), session);
            return reply.isEmpty() || reply.endsWith("\n") ? reply : reply + "\n";
        } catch (RuntimeException e) {
            LOG.error("runtime API command '{}' failed", String.join(" ", words), e);
            return "Internal error while running '" + String.join(" ", words) + "': " + e + "\n";
        }
    }

    private void registerSessionCommands() {
        table.add(new CliCommand(List.of("show", "cli", "level"), "show cli level",
                "display the level of the current CLI session", AccessLevel.USER,
                (args, s) -> s.level().name().toLowerCase(Locale.ROOT) + "\n"));
        table.add(new CliCommand(List.of("operator"), "operator",
                "lower the level of the current CLI session to operator", AccessLevel.USER,
                (args, s) -> lower(s, AccessLevel.OPERATOR)));
        table.add(new CliCommand(List.of("user"), "user",
                "lower the level of the current CLI session to user", AccessLevel.USER,
                (args, s) -> lower(s, AccessLevel.USER)));
    }

    /** The level can only go down; asking for a higher one is refused as in HAProxy. */
    private static String lower(CliSession s, AccessLevel to) {
        if (!s.level().allows(to)) {
            return PERMISSION_DENIED;
        }
        s.lowerLevel(to);
        return "";
    }
}
