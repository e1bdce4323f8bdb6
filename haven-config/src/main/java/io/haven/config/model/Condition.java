package io.haven.config.model;

import java.util.List;

/**
 * {@code if|unless TERM [TERM ...] [|| TERM ...]}: a disjunction of conjunctions of ACL terms,
 * as HAProxy evaluates them (AND binds tighter than OR, no parentheses).
 */
public record Condition(boolean unless, List<List<Term>> anyOf) {
    public Condition {
        anyOf = anyOf.stream().map(List::copyOf).toList();
    }

    /** One ACL reference, by name or inline (anonymous), possibly negated with {@code !}. */
    public record Term(String aclName, AclConfig anonymous, boolean negated) {
    }
}
