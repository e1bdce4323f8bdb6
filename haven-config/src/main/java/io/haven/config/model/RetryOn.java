package io.haven.config.model;

/**
 * What a connection is retried on ({@code retry-on}, HAProxy's keyword). In TCP mode two events
 * apply: the connection attempt failed, or the server closed before a single byte went either way
 * (safe to replay for protocols where the server speaks first, such as MySQL).
 */
public enum RetryOn {
    CONN_FAILURE("conn-failure"),
    EMPTY_RESPONSE("empty-response");

    private final String keyword;

    RetryOn(String keyword) {
        this.keyword = keyword;
    }

    public String keyword() {
        return keyword;
    }
}
