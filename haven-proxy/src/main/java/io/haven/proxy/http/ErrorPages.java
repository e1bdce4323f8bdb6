package io.haven.proxy.http;

import io.haven.core.http.HttpHeaders;
import io.haven.core.http.HttpReply;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * HAProxy 2.6's built-in error pages (its {@code http_err_msgs}), byte for byte: the same status
 * lines, headers and bodies. A parse error (400) and a request timeout (408) are sent as HAProxy
 * sends them, raw with {@code Connection: close}; the others go through the message writer as
 * HAProxy's HTX path does, with lower-case header names.
 */
public final class ErrorPages {
    private record Page(String reason, String text) {
    }

    private static final Map<Integer, Page> PAGES = new HashMap<>();

    static {
        page(200, "OK", "Service ready.");
        page(400, "Bad request", "Your browser sent an invalid request.");
        page(401, "Unauthorized", "You need a valid user and password to access this content.");
        page(403, "Forbidden", "Request forbidden by administrative rules.");
        page(404, "Not Found", "The resource could not be found.");
        page(405, "Method Not Allowed", "A request was made of a resource using a request method not supported by that resource");
        page(407, "Unauthorized", "You need a valid user and password to access this content.");
        page(408, "Request Time-out", "Your browser didn't send a complete request in time.");
        page(410, "Gone", "The resource is no longer available and will not be available again.");
        page(413, "Payload Too Large", "The request entity exceeds the maximum allowed.");
        page(421, "Misdirected Request", "Request sent to a non-authoritative server.");
        page(425, "Too Early", "Your browser sent early data.");
        page(429, "Too Many Requests", "You have sent too many requests in a given amount of time.");
        page(500, "Internal Server Error", "An internal server error occurred.");
        page(501, "Not Implemented", ".The server does not support the functionality required to fulfill the request.");
        page(502, "Bad Gateway", "The server returned an invalid or incomplete response.");
        page(503, "Service Unavailable", "No server is available to handle this request.");
        page(504, "Gateway Time-out", "The server didn't respond in time.");
    }

    private static void page(int status, String reason, String text) {
        PAGES.put(status, new Page(reason, text));
    }

    private ErrorPages() {
    }

    /** HAProxy's body for {@code status}, or null when it has no page for it (then 500's is used). */
    static byte[] body(int status) {
        Page p = PAGES.get(status);
        return p == null ? null
                : ("<html><body><h1>" + status + " " + p.reason() + "</h1>\n" + p.text() + "\n</body></html>\n")
                        .getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The reason phrase HAProxy prints with its page (e.g. "Bad request", lower-case r). */
    public static String reason(int status) {
        Page p = PAGES.get(status);
        return p == null ? null : p.reason();
    }

    /** The raw bytes HAProxy sends for a request it could not parse (400) or that came too late (408). */
    public static byte[] raw(int status) {
        byte[] body = body(status);
        String head = "HTTP/1.1 " + status + " " + reason(status) + "\r\nContent-length: " + body.length
                + "\r\nCache-Control: no-cache\r\nConnection: close\r\nContent-Type: text/html\r\n\r\n";
        byte[] h = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[h.length + body.length];
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(body, 0, out, h.length, body.length);
        return out;
    }

    /** The built-in page as a reply (the status's page, or 500's body when HAProxy has none for it). */
    public static HttpReply reply(int status, boolean close) {
        byte[] body = body(status);
        String reason = reason(status);
        if (body == null) {
            body = body(500);
            reason = io.haven.core.http.Reasons.of(status);
        }
        HttpHeaders h = new HttpHeaders().add("content-length", Integer.toString(body.length))
                .add("cache-control", "no-cache").add("content-type", "text/html");
        return new HttpReply(status, reason, h, body, close);
    }
}
