package io.haven.core;

import io.haven.core.acl.CompiledCondition;

/** A compiled {@code use_backend} rule. */
public record SwitchingRule(Backend backend, CompiledCondition condition) {
}
