/**
 * Resource agents: the SPI ({@link io.haven.cluster.agent.ResourceAgent}) and its implementations
 * (DigitalOcean floating IP, local VIP, OCF scripts, processes, Haven's own proxy).
 */
package io.haven.cluster.agent;
