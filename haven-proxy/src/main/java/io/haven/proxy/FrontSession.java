package io.haven.proxy;

import io.haven.core.Frontend;
import io.haven.core.Generation;
import io.netty.buffer.ByteBuf;

/**
 * A client connection being served, as the client handler and the proxy server see it: a TCP
 * relay ({@link TcpSession}) or an HTTP session ({@link HttpSession}), chosen by the frontend's mode.
 */
abstract class FrontSession {

    abstract void start();

    abstract Frontend frontend();

    abstract Generation generation();

    abstract void fromClient(ByteBuf buf);

    abstract void flushToServer();

    abstract void clientWritabilityChanged();

    abstract void clientInputShutdown();

    abstract void clientClosed();

    abstract void clientError(Throwable cause);

    /** Ends the session because the process says so (hard-stop-after, stop). */
    abstract void kill();
}
