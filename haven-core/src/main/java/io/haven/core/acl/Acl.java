package io.haven.core.acl;

import java.util.List;

/**
 * A named ACL: one or more declarations (HAProxy ORs declarations sharing a name), each a
 * fetch and a matcher. A fetch of several values (a repeated header) matches if any value does.
 */
public final class Acl {
    private final String name;
    private final List<Declaration> declarations;

    record Declaration(SampleFetch fetch, Matcher matcher) {
    }

    Acl(String name, List<Declaration> declarations) {
        this.name = name;
        this.declarations = List.copyOf(declarations);
    }

    public String name() {
        return name;
    }

    public boolean matches(SampleContext ctx) {
        for (Declaration d : declarations) {
            if (d.fetch() instanceof MultiSampleFetch multi) {
                for (Object v : multi.fetchAll(ctx)) {
                    if (d.matcher().matches(v)) {
                        return true;
                    }
                }
            } else if (d.matcher().matches(d.fetch().fetch(ctx))) {
                return true;
            }
        }
        return false;
    }
}
