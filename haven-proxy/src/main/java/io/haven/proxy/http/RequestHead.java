package io.haven.proxy.http;

import java.util.List;
import java.util.Optional;

/**
 * A parsed request line and headers, safe to forward: the framing is unambiguous and the headers
 * are the ones to send (a Content-Length that came with a chunked Transfer-Encoding is already
 * dropped). {@code closeAfter} says the connection must close after the response (such a
 * request, as HAProxy does, or {@code Connection: close}, or HTTP/1.0 without keep-alive).
 *
 * @param contentLength the body length with {@link BodyFraming#LENGTH}, else -1
 * @param headLength bytes the request line and headers took on the wire, empty line included
 */
public record RequestHead(String method, String uri, int minorVersion, List<HeaderField> headers, BodyFraming framing,
                          long contentLength, boolean closeAfter, int headLength) {

    public RequestHead {
        headers = List.copyOf(headers);
    }

    public String version() {
        return "HTTP/1." + minorVersion;
    }

    /** The first value of a header, by case-insensitive name. */
    public Optional<String> header(String name) {
        for (HeaderField h : headers) {
            if (h.is(name)) {
                return Optional.of(h.value());
            }
        }
        return Optional.empty();
    }

    public long headerCount(String name) {
        return headers.stream().filter(h -> h.is(name)).count();
    }
}
