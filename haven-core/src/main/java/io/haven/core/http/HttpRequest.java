package io.haven.core.http;

import java.util.Objects;

/**
 * A request's start line and headers as they will be forwarded; rules may change any part. The
 * body is not here: it streams. {@code uri} is the request target as sent (origin form
 * {@code /path?query}, or absolute form for a proxy request).
 */
public final class HttpRequest {
    private String method;
    private String uri;
    private int minorVersion;
    private final HttpHeaders headers;

    public HttpRequest(String method, String uri, int minorVersion, HttpHeaders headers) {
        this.method = Objects.requireNonNull(method);
        this.uri = Objects.requireNonNull(uri);
        this.minorVersion = minorVersion;
        this.headers = Objects.requireNonNull(headers);
    }

    public String method() {
        return method;
    }

    public void method(String method) {
        this.method = Objects.requireNonNull(method);
    }

    public String uri() {
        return uri;
    }

    public void uri(String uri) {
        this.uri = Objects.requireNonNull(uri);
    }

    /** 0 for HTTP/1.0, 1 for HTTP/1.1. */
    public int minorVersion() {
        return minorVersion;
    }

    public void minorVersion(int minorVersion) {
        this.minorVersion = minorVersion;
    }

    public String version() {
        return "HTTP/1." + minorVersion;
    }

    public HttpHeaders headers() {
        return headers;
    }

    /** The path: the target without scheme and authority (absolute form) and without the query. */
    public String path() {
        String u = uri;
        int start = 0;
        int scheme = u.indexOf("://");
        if (scheme > 0 && u.indexOf('/') > scheme) {
            int slash = u.indexOf('/', scheme + 3);
            if (slash < 0) {
                return "/";
            }
            start = slash;
        }
        int q = u.indexOf('?', start);
        return q < 0 ? u.substring(start) : u.substring(start, q);
    }

    /** The query string after '?', or null without one. */
    public String query() {
        int q = uri.indexOf('?');
        return q < 0 ? null : uri.substring(q + 1);
    }

    /** Replaces the path, keeping the query. */
    public void path(String path) {
        String q = query();
        uri = q == null ? path : path + "?" + q;
    }

    /** Replaces the query; null or empty removes it (with its '?'). */
    public void query(String query) {
        String p = uriWithoutQuery();
        uri = query == null || query.isEmpty() ? p : p + "?" + query;
    }

    private String uriWithoutQuery() {
        int q = uri.indexOf('?');
        return q < 0 ? uri : uri.substring(0, q);
    }
}
