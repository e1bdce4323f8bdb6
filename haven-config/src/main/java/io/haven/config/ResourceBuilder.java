package io.haven.config;

import io.haven.config.model.OnFail;
import io.haven.config.model.OperationConfig;
import io.haven.config.model.ResourceConfig;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Mutable {@code resource} section while parsing. Values left unset (null) take the cluster's
 * defaults at build time; operations default to {@link OperationConfig#DEFAULT_TIMEOUT_MS} and a
 * monitor every {@link OperationConfig#DEFAULT_MONITOR_INTERVAL_MS}; {@code on-fail} defaults to restart.
 */
final class ResourceBuilder {
    final String name;
    final SourceLocation location;
    String type;
    final Map<String, String> params = new LinkedHashMap<>();
    final Map<String, OperationConfig> ops = new LinkedHashMap<>();
    OnFail onFail = OnFail.RESTART;
    Integer migrationThreshold;
    Long failureTimeoutMs;
    Integer resourceStickiness;
    boolean disabled;

    ResourceBuilder(String name, SourceLocation location) {
        this.name = name;
        this.location = location;
    }

    ResourceConfig build(ClusterBuilder cluster) {
        OperationConfig monitor = ops.getOrDefault("monitor", new OperationConfig("monitor",
                OperationConfig.DEFAULT_MONITOR_INTERVAL_MS, OperationConfig.DEFAULT_TIMEOUT_MS, null));
        OperationConfig start = ops.getOrDefault("start", new OperationConfig("start", 0, OperationConfig.DEFAULT_TIMEOUT_MS, null));
        OperationConfig stop = ops.getOrDefault("stop", new OperationConfig("stop", 0, OperationConfig.DEFAULT_TIMEOUT_MS, null));
        return new ResourceConfig(name, type, params, monitor, start, stop, onFail,
                migrationThreshold != null ? migrationThreshold : cluster.migrationThreshold,
                failureTimeoutMs != null ? failureTimeoutMs : cluster.failureTimeoutMs,
                resourceStickiness != null ? resourceStickiness : cluster.resourceStickiness,
                disabled, location);
    }
}
