package io.haven.config.model;

import io.haven.config.SourceLocation;
import java.util.List;

/**
 * {@code acl NAME FETCH [flags] [operator] [values]} as written. The fetch, its arguments, the
 * match method and operators are resolved by haven-core, which knows the fetch catalogue; an
 * anonymous ACL (inside {@code { }} in a condition) has the name {@code "{anonymous}"}.
 *
 * @param fetch the sample fetch name, e.g. {@code nbsrv}
 * @param fetchArgs the arguments inside the parentheses, e.g. {@code [mysql_ro_main]}
 * @param flags the flags in order, each with its argument if it takes one, e.g. {@code ["-m", "int", "-i"]}
 * @param values the patterns (including a leading integer operator such as {@code lt})
 */
public record AclConfig(String name, String fetch, List<String> fetchArgs, List<String> flags,
                        List<String> values, SourceLocation location) {
    public static final String ANONYMOUS = "{anonymous}";

    public AclConfig {
        fetchArgs = List.copyOf(fetchArgs);
        flags = List.copyOf(flags);
        values = List.copyOf(values);
    }
}
