package io.haven.config.model;

import io.haven.config.SourceLocation;

/**
 * What decides, under {@code quorum two_node}, whether a node whose peer went silent may run alone
 * ({@code quorum two_node arbiter TYPE RESOURCE [timeout TIME]}). The only type is
 * {@value #DIGITALOCEAN_FLOATING_IP}: the floating IP of {@code resource} (a resource of that type,
 * whose params give the IP, the token and the API) goes to one droplet at a time, and the node it
 * goes to keeps quorum.
 *
 * @param type      {@value #DIGITALOCEAN_FLOATING_IP}
 * @param resource  the {@code resource} section whose IP and API params the arbiter uses
 * @param timeoutMs how long the decision may take (API calls and waits); default {@link #DEFAULT_TIMEOUT_MS}
 */
public record QuorumArbiterConfig(String type, String resource, long timeoutMs, SourceLocation location) {
    public static final String DIGITALOCEAN_FLOATING_IP = "digitalocean-floating-ip";
    /** Default timeout: 30 s (DigitalOcean's documented example action took 11 s). */
    public static final long DEFAULT_TIMEOUT_MS = 30_000;
}
