package io.haven.core.rules;

import io.haven.config.SourceLocation;
import io.haven.core.acl.CompiledCondition;

/** A compiled rule: its condition, its action, and where it was written (for messages). */
public record HttpRule(CompiledCondition condition, HttpAction action, String text, SourceLocation location) {
}
