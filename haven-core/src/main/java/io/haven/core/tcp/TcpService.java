package io.haven.core.tcp;

/**
 * Something that serves a TCP connection itself instead of a server, such as a Lua {@code tcp}
 * applet ({@code tcp-request content use-service lua.NAME}). The data plane calls {@link #open}
 * on the connection's event loop and then feeds the applet what the client sends.
 */
public interface TcpService {

    /** The name used in the configuration, such as {@code lua.echo}. */
    String name();

    TcpApplet open(TcpConnection connection);
}
