/** The {@code digitalocean-floating-ip} agent and the two_node arbiter on the same IP, through DigitalOcean's public API. */
package io.haven.cluster.agent.digitalocean;
