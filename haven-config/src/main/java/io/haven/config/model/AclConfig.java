package io.haven.config.model;

import io.haven.config.SourceLocation;
import java.util.List;

/**
 * {@code acl NAME FETCH[,CONVERTERS] [flags] [operator] [values]} as written. The fetch, its
 * arguments, the converters, the match method and operators are resolved by haven-core, which
 * knows the catalogues; an anonymous ACL (inside {@code { }} in a condition) has the name
 * {@code "{anonymous}"}.
 *
 * @param fetch the sample fetch name, e.g. {@code nbsrv}
 * @param fetchArgs the arguments inside the parentheses, e.g. {@code [mysql_ro_main]}
 * @param flags the flags in order, each with its argument if it takes one, e.g. {@code ["-m", "int", "-i"]}
 * @param values the patterns (including a leading integer operator such as {@code lt})
 * @param converters the converters applied to the fetched sample, in order (may be empty)
 */
public record AclConfig(String name, String fetch, List<String> fetchArgs, List<String> flags,
                        List<String> values, SourceLocation location, List<SampleCall> converters) {
    public static final String ANONYMOUS = "{anonymous}";

    public AclConfig {
        fetchArgs = List.copyOf(fetchArgs);
        flags = List.copyOf(flags);
        values = List.copyOf(values);
        converters = List.copyOf(converters);
    }

    /** An ACL without converters. */
    public AclConfig(String name, String fetch, List<String> fetchArgs, List<String> flags,
                     List<String> values, SourceLocation location) {
        this(name, fetch, fetchArgs, flags, values, location, List.of());
    }

    /** The sample expression: the fetch then the converters. */
    public List<SampleCall> expression() {
        List<SampleCall> all = new java.util.ArrayList<>();
        all.add(new SampleCall(fetch, fetchArgs));
        all.addAll(converters);
        return all;
    }
}
