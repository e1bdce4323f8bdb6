package io.haven.core.tcp;

/** One connection served by a {@link TcpService}; every call comes on the connection's event loop. */
public interface TcpApplet {

    /** Bytes the client sent. */
    void received(byte[] data);

    /** The client shut its side: it sends nothing more. */
    void inputClosed();

    /** The connection is gone (closed by either side, or killed): stop serving it. */
    void closed();
}
