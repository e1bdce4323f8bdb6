package io.haven.config.model;

import io.haven.config.SourceLocation;

/**
 * One {@code tcp-check} step.
 *
 * @param port for CONNECT: the port to connect to, 0 for the server's check port
 * @param data for SEND: bytes to send (already unescaped; hex-decoded for send-binary)
 * @param match for EXPECT: how {@code pattern} is compared with what the server sent
 */
public record TcpCheckRule(Action action, int port, byte[] data, boolean negated, Match match,
                           String pattern, SourceLocation location) {
    public enum Action { CONNECT, SEND, EXPECT }

    public enum Match { STRING, RSTRING, BINARY }
}
