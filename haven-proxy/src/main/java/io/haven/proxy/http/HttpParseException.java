package io.haven.proxy.http;

/**
 * A message Haven will not forward: the status to answer (400 for malformed or ambiguous
 * messages, 505 for an unsupported version) and why, for the log. The connection is closed after
 * the answer; nothing of the message reaches a server.
 */
public final class HttpParseException extends Exception {
    private final int status;

    public HttpParseException(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
