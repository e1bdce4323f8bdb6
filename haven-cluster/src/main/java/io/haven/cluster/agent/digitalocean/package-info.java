/** The {@code digitalocean-floating-ip} agent: moves a DigitalOcean floating (reserved) IP through the public API. */
package io.haven.cluster.agent.digitalocean;
