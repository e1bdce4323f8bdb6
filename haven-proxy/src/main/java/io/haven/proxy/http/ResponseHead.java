package io.haven.proxy.http;

import java.util.List;

/**
 * A parsed status line and headers from a server. {@code closeAfter}: the server closes the
 * connection after this response ({@code Connection: close}, HTTP/1.0 without keep-alive, a
 * body delimited by the close, or a length dropped for a chunked coding).
 *
 * @param contentLength the body length with {@link BodyFraming#LENGTH}, else -1
 * @param headLength bytes the head took on the wire, empty line included
 */
public record ResponseHead(int status, String reason, int minorVersion, List<HeaderField> headers, BodyFraming framing,
                           long contentLength, boolean closeAfter, int headLength) {

    public ResponseHead {
        headers = List.copyOf(headers);
    }

    /** 1xx other than 101: more heads follow before the final response. */
    public boolean interim() {
        return status >= 100 && status < 200 && status != 101;
    }
}
