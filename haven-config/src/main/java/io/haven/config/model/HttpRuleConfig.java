package io.haven.config.model;

import io.haven.config.SourceLocation;
import java.util.List;

/**
 * One {@code http-request} or {@code http-response} line as written: the action word (which may
 * carry an argument in parentheses, as {@code set-var(txn.x)}), its arguments up to
 * {@code if|unless}, and the condition (null: always). haven-core compiles the action.
 */
public record HttpRuleConfig(String action, List<String> args, Condition condition, SourceLocation location) {
    public HttpRuleConfig {
        args = List.copyOf(args);
    }
}
