package io.haven.core.http;

import java.util.concurrent.ScheduledExecutorService;

/**
 * The data plane's side of one request served by an {@link HttpApplet}: where the response goes.
 * Either {@link #reply} once, or {@link #start} then any number of {@link #write}s then
 * {@link #end}; {@link #abort} at any time. A response started without {@code content-length}
 * is sent chunked to an HTTP/1.1 client and delimited by the close to an HTTP/1.0 one, as
 * HAProxy does. Every call must come on {@link #loop()}.
 */
public interface HttpExchange {

    /** The connection's event loop: the applet's work runs there. */
    ScheduledExecutorService loop();

    /** A complete response (a null body means the error page of its status), instead of start/write/end. */
    void reply(HttpReply reply);

    /** Sends the status line and headers. */
    void start(int status, String reason, HttpHeaders headers);

    /** Whether {@link #start} or {@link #reply} was called. */
    boolean started();

    /**
     * Sends a piece of the body; false when the client does not take data as fast: the applet
     * should wait for {@link HttpApplet#writable} before writing more.
     */
    boolean write(byte[] data);

    /** The response is complete. */
    void end();

    /** Ends the connection at once (the response cannot be completed). */
    void abort();

    /**
     * Stops ({@code false}) or resumes ({@code true}) the delivery of the request body, for an
     * applet that has enough of it buffered.
     */
    void readBody(boolean on);
}
