package io.haven.core.tcp;

import io.haven.core.acl.SampleContext;
import java.util.concurrent.ScheduledExecutorService;

/** The client connection as a {@link TcpApplet} sees it; implemented by the data plane. */
public interface TcpConnection {

    /** Addresses, frontend: what fetches see. */
    SampleContext sample();

    /** The event loop the connection lives on; the applet's work runs there. */
    ScheduledExecutorService loop();

    /** Queues bytes to the client and flushes them. */
    void write(byte[] data);

    /** Ends the connection once what was written is flushed. */
    void close();
}
