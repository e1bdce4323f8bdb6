package io.haven.core.server;

/**
 * A change of a server's status.
 *
 * @param reason HAProxy's "reason: ..." text (check result, agent reply or operator action)
 */
public record ServerEvent(Server server, ServerStatus from, ServerStatus to, Cause cause, String reason) {
    public enum Cause { CHECK, AGENT, ADMIN, RELOAD }
}
