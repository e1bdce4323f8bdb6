package io.haven.admin;

import io.haven.config.model.AccessLevel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The known commands, and HAProxy's texts around them: the help screen ("The following
 * commands are valid at this level:") and the reply to an unknown command, which lists the
 * commands that look closest to what was typed, or all of them.
 */
final class CommandTable {
    private static final String ALWAYS = String.format("  %-40s: %s\n  %-40s: %s\n  %-40s: %s\n",
            "help [<command>]", "list matching or all commands",
            "prompt", "toggle interactive mode with prompt",
            "quit", "disconnect");

    private final List<CliCommand> commands = new java.util.concurrent.CopyOnWriteArrayList<>();

    void add(CliCommand command) {
        commands.add(command);
    }

    /** Removes the command named by exactly these keywords, if any. */
    void remove(List<String> words) {
        commands.removeIf(c -> c.words().equals(words));
    }

    /** The command whose keywords start {@code line}, the longest one if several do. */
    Optional<CliCommand> find(List<String> line) {
        return commands.stream().filter(c -> c.matches(line))
                .max(Comparator.comparingInt(c -> c.words().size()));
    }

    /** {@code help [<command>]}: the commands this level may run, or those matching the words given. */
    String help(List<String> words, AccessLevel level) {
        return "The following commands are valid at this level:\n" + listing(words, level);
    }

    /** HAProxy's reply to a command it does not know, followed by the closest commands. */
    String unknown(List<String> words, AccessLevel level) {
        String head = "Unknown command: '" + (words.isEmpty() ? "" : words.get(0)) + "'";
        head += words.isEmpty() ? ". Please enter one of the following commands only:\n"
                : ", but maybe one of the following ones is a better match:\n";
        return head + listing(words, level);
    }

    private String listing(List<String> words, AccessLevel level) {
        List<CliCommand> visible = commands.stream().filter(c -> level.allows(c.level())).toList();
        int length = visible.stream().mapToInt(c -> c.matchingWords(words)).max().orElse(0);
        List<CliCommand> candidates = visible.stream().filter(c -> c.matchingWords(words) >= length).toList();
        if (words.size() > length) {
            // the first word that matched nothing: keep the candidates whose keyword there looks like it
            String typed = words.get(length);
            List<CliCommand> close = candidates.stream()
                    .filter(c -> c.words().size() > length && similar(typed, c.words().get(length)))
                    .toList();
            if (!close.isEmpty()) {
                candidates = close;
            }
        }
        StringBuilder out = new StringBuilder();
        candidates.stream().map(CliCommand::helpLine).sorted().forEach(out::append);
        return out.append(ALWAYS).toString();
    }

    /** A typo or an abbreviation: a common prefix of two letters or more, or at most two edits apart. */
    static boolean similar(String typed, String keyword) {
        if (typed.length() >= 2 && (keyword.startsWith(typed) || typed.startsWith(keyword))) {
            return true;
        }
        return editDistance(typed, keyword) <= Math.max(1, Math.min(2, keyword.length() / 3));
    }

    private static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
