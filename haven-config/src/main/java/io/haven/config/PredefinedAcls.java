package io.haven.config;

import java.util.Set;

/** ACL names HAProxy predefines and that a condition may use without declaring them. */
public final class PredefinedAcls {
    public static final Set<String> NAMES = Set.of("TRUE", "FALSE");

    private PredefinedAcls() {
    }
}
