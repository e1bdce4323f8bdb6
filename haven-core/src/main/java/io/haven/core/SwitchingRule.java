package io.haven.core;

import io.haven.core.acl.CompiledCondition;
import io.haven.core.acl.SampleContext;
import io.haven.core.format.FormatString;
import java.util.Map;

/**
 * A compiled {@code use_backend} rule: a fixed backend, or a log-format name ({@code %[...]})
 * looked up among {@code backends} when the rule matches; an unknown name gives null, and the
 * frontend's default backend serves.
 */
public record SwitchingRule(Backend backend, CompiledCondition condition, FormatString name, Map<String, Backend> backends) {

    public SwitchingRule(Backend backend, CompiledCondition condition) {
        this(backend, condition, null, Map.of());
    }

    /** The backend this rule selects for {@code ctx}, or null when a dynamic name is unknown. */
    public Backend target(SampleContext ctx) {
        return name == null ? backend : backends.get(name.format(ctx));
    }
}
