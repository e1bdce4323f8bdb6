package io.haven.mysql;

import java.io.IOException;

/**
 * The server sent bytes that are not the packet the protocol allows at this point. Unchecked
 * inside the codec, where any read may hit it; the handlers turn it into an {@link IOException}
 * for the caller and close the connection, since the stream can no longer be trusted.
 */
final class MalformedPacketException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedPacketException(String message) {
        super(message);
    }

    IOException toIOException() {
        return new IOException("malformed MySQL packet: " + getMessage(), this);
    }
}
