package io.haven.config.model;

/**
 * A {@code log} line: where traffic and event logs go.
 *
 * @param kind STDOUT, STDERR or UDP (a syslog server at {@code host:port})
 * @param format {@code raw}, {@code rfc3164}, {@code rfc5424} or {@code short}, as HAProxy's {@code format}
 * @param facility syslog facility name (local0 ... local7, daemon, ...)
 * @param level most verbose level sent (emerg ... debug); messages above it are dropped
 */
public record LogTarget(Kind kind, String host, int port, String format, String facility, String level) {
    public enum Kind { STDOUT, STDERR, UDP }
}
