package io.haven.cluster.manager;

import io.haven.cluster.agent.ResourceAgent;
import io.haven.cluster.state.ResourceDefinition;

/** Builds the agent that runs a configured resource on this node; fails with a message naming what is wrong. */
@FunctionalInterface
public interface AgentFactory {
    ResourceAgent create(ResourceDefinition resource);
}
