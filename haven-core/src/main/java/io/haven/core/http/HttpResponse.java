package io.haven.core.http;

import java.util.Objects;

/** A response's status line and headers as they will be forwarded; rules may change them. */
public final class HttpResponse {
    private int status;
    private String reason;
    private int minorVersion;
    private final HttpHeaders headers;

    public HttpResponse(int status, String reason, int minorVersion, HttpHeaders headers) {
        this.status = status;
        this.reason = Objects.requireNonNull(reason);
        this.minorVersion = minorVersion;
        this.headers = Objects.requireNonNull(headers);
    }

    public int status() {
        return status;
    }

    /** Sets the status and its reason phrase (HAProxy's set-status). */
    public void status(int status, String reason) {
        this.status = status;
        this.reason = Objects.requireNonNull(reason);
    }

    public String reason() {
        return reason;
    }

    public int minorVersion() {
        return minorVersion;
    }

    public HttpHeaders headers() {
        return headers;
    }
}
