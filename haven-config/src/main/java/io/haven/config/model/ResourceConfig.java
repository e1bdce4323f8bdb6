package io.haven.config.model;

import io.haven.config.SourceLocation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code resource} section, with the cluster's defaults already applied to the values it does
 * not set. {@code params} are passed to the agent unchecked, in file order; the agent named by
 * {@code type} validates them. {@code migrationThreshold} 0 disables banning after failures.
 *
 * @param disabled {@code disabled}: defined but kept stopped (Pacemaker's target-role=Stopped)
 */
public record ResourceConfig(
        String name,
        String type,
        Map<String, String> params,
        OperationConfig monitor,
        OperationConfig start,
        OperationConfig stop,
        OnFail onFail,
        int migrationThreshold,
        long failureTimeoutMs,
        int resourceStickiness,
        boolean disabled,
        SourceLocation location) {
    public ResourceConfig {
        params = Collections.unmodifiableMap(new LinkedHashMap<>(params));
    }
}
