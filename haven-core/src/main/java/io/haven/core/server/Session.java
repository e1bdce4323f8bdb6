package io.haven.core.server;

/** A connection using a server, which the server may need to close (shutdown-sessions). */
public interface Session {
    /** Closes the connection from any thread. */
    void shutdown(String reason);
}
