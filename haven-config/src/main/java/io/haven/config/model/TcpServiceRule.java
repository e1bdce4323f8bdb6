package io.haven.config.model;

import io.haven.config.SourceLocation;

/**
 * {@code tcp-request content use-service NAME [if|unless COND]}: the first matching rule hands the
 * connection to the service (a Lua {@code tcp} applet) instead of a server.
 *
 * @param condition null when the rule has none
 */
public record TcpServiceRule(String service, Condition condition, SourceLocation location) {
}
