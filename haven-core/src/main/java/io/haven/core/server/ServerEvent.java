package io.haven.core.server;

/**
 * A change of a server's status.
 *
 * @param reason HAProxy's "reason: ..." text (check result, agent reply or operator action); for
 *     {@link Cause#OVERRIDE}, the override with who set it and why ({@link PoolOverrideNote#describe})
 */
public record ServerEvent(Server server, ServerStatus from, ServerStatus to, Cause cause, String reason) {
    /** OVERRIDE (a pool override) is published even when the status stays the same, so it is always logged. */
    public enum Cause { CHECK, AGENT, ADMIN, RELOAD, OVERRIDE }
}
