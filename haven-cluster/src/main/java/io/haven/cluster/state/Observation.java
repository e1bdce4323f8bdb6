package io.haven.cluster.state;

import io.haven.cluster.agent.OcfStatus;

/** The last thing a node's executor reported about one resource: the role, the operation, its result and when. */
public record Observation(Role role, Operation operation, OcfStatus result, long at, String message) {
}
