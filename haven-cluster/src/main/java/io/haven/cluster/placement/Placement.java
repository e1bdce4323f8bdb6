package io.haven.cluster.placement;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where a resource should run: {@code node}, or null for nowhere. An unmanaged resource
 * ({@code managed} false: maintenance, on-fail block, a failed stop) is left where it is and
 * {@code reason} says why. {@code scores} are the allocation scores per node, in node order, as
 * {@code crm_simulate -s} shows them.
 */
public record Placement(String resource, String node, boolean managed, String reason, Map<String, Integer> scores) {
    public Placement {
        scores = Collections.unmodifiableMap(new LinkedHashMap<>(scores));
    }
}
