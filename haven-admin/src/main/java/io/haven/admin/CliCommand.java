package io.haven.admin;

import io.haven.config.model.AccessLevel;
import java.util.List;

/**
 * One runtime API command: the words that name it, its help line (HAProxy's synopsis and
 * description) and the lowest level allowed to run it.
 *
 * @param words the keywords, such as {@code [show, servers, state]}
 * @param synopsis the left column of the help line, such as {@code show servers state [<backend>]}
 */
record CliCommand(List<String> words, String synopsis, String description, AccessLevel level, Handler handler) {

    /** Runs the command with the words that follow its keywords; returns its output (may be empty). */
    @FunctionalInterface
    interface Handler {
        String run(List<String> args, CliSession session);
    }

    CliCommand {
        words = List.copyOf(words);
    }

    /** HAProxy's help layout: two spaces, the synopsis padded to 40 columns, ": ", the description. */
    String helpLine() {
        return String.format("  %-40s: %s\n", synopsis, description);
    }

    /** How many leading words of {@code line} equal this command's keywords, in order. */
    int matchingWords(List<String> line) {
        int n = 0;
        while (n < words.size() && n < line.size() && words.get(n).equals(line.get(n))) {
            n++;
        }
        return n;
    }

    boolean matches(List<String> line) {
        return matchingWords(line) == words.size();
    }
}
