package io.haven.cluster.state;

import io.haven.config.model.OnFail;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * A resource as configured, with the cluster's defaults applied: what the executors need to run
 * its agent and what the scheduler needs to place it. {@code migrationThreshold} 0 never bans;
 * {@code failureTimeoutMs} 0 never expires failures; {@code disabled} keeps it stopped unless an
 * operator sets its target role.
 */
public record ResourceDefinition(
        String name,
        String type,
        Map<String, String> params,
        OperationSpec monitor,
        OperationSpec start,
        OperationSpec stop,
        OnFail onFail,
        int migrationThreshold,
        long failureTimeoutMs,
        int stickiness,
        boolean disabled) {
    public ResourceDefinition {
        params = Collections.unmodifiableMap(new TreeMap<>(params));
    }
}
