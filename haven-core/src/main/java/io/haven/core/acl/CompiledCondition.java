package io.haven.core.acl;

import java.util.List;

/** An {@code if|unless} condition with its ACLs resolved; evaluated per connection without allocating. */
public final class CompiledCondition {
    /** A condition that always holds, for rules written without one. */
    public static final CompiledCondition ALWAYS = new CompiledCondition(false, List.of());

    record Term(Acl acl, boolean negated) {
    }

    private final boolean unless;
    private final Term[][] anyOf;

    CompiledCondition(boolean unless, List<List<Term>> anyOf) {
        this.unless = unless;
        this.anyOf = anyOf.stream().map(l -> l.toArray(new Term[0])).toArray(Term[][]::new);
    }

    public boolean test(SampleContext ctx) {
        if (anyOf.length == 0) {
            return true;
        }
        boolean result = false;
        for (Term[] all : anyOf) {
            boolean ok = true;
            for (Term t : all) {
                if (t.acl().matches(ctx) == t.negated()) {
                    ok = false;
                    break;
                }
            }
            if (ok) {
                result = true;
                break;
            }
        }
        return result != unless;
    }
}
