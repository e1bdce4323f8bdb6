package io.haven.core.http;

/**
 * One request served by a streaming {@link HttpService} (HAProxy's HTTP applets, such as a Lua
 * {@code http} service). The data plane calls these on the connection's event loop, never from
 * inside one another; the applet answers through its {@link HttpExchange}, now or later.
 */
public interface HttpApplet {

    /** A piece of the request body (the chunked framing removed). */
    void body(byte[] data);

    /** The request body is complete (at once when the request has none). */
    void bodyEnd();

    /** The client can take more data again after {@link HttpExchange#write} returned false. */
    void writable();

    /** The connection is gone (the client left, a timeout, a shutdown): stop serving. */
    void closed();
}
