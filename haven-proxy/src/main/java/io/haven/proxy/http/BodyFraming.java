package io.haven.proxy.http;

/** How a message's body ends: no body, after Content-Length bytes, at the last chunk, or (responses only) at close. */
public enum BodyFraming {
    NONE,
    LENGTH,
    CHUNKED,
    UNTIL_CLOSE
}
