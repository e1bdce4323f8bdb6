package io.haven.core.rules;

import io.haven.config.SourceLocation;
import io.haven.config.model.ProxyConfig;
import io.haven.core.acl.Lookup;
import io.haven.core.format.FormatString;
import java.util.List;

/**
 * What an action factory gets: the action word, its argument in parentheses if any
 * ({@code set-var(txn.x)} gives {@code txn.x}), the words after it, the direction, and the
 * proxy's lookup to compile expressions and formats.
 */
public record ActionArgs(String action, String argument, List<String> words, boolean response,
                         ProxyConfig proxy, Lookup lookup, SourceLocation location) {

    public String word(int i) {
        return i < words.size() ? words.get(i) : null;
    }

    public void count(int min, int max, String usage) {
        if (words.size() < min || words.size() > max) {
            throw new IllegalArgumentException("'" + action + "' expects " + usage);
        }
    }

    public FormatString format(String text) {
        return FormatString.compile(text, lookup);
    }

    /** The HTTP side this action edits, for messages. */
    public String keyword() {
        return response ? "http-response" : "http-request";
    }
}
