package io.haven.core.rules;

import io.haven.core.http.HttpHeaders;
import io.haven.core.http.HttpReply;
import io.haven.core.http.HttpTxn;
import io.haven.core.http.Reasons;
import io.haven.core.format.FormatString;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The reply of {@code deny} and {@code return}: {@code [status N | deny_status N]
 * [content-type T] [string S | lf-string FMT | file F | lf-file F | default-errorfiles]
 * [hdr NAME FMT]...}. Files are read when the configuration loads. Without a payload,
 * {@code deny} and {@code default-errorfiles} send the error page for the status, {@code return}
 * an empty body.
 */
final class ReplySpec {
    private record Header(String name, FormatString value) {
    }

    private int status;
    private String contentType;
    private byte[] body;
    private FormatString lfBody;
    private boolean errorPage;
    private final List<Header> headers = new ArrayList<>();

    static ReplySpec parse(ActionArgs a, String statusKeyword, int defaultStatus, boolean errorPageByDefault) {
        ReplySpec r = new ReplySpec();
        r.status = defaultStatus;
        boolean payload = false;
        List<String> w = a.words();
        for (int i = 0; i < w.size(); i++) {
            String kw = w.get(i);
            if (kw.equals("default-errorfiles")) {
                r.errorPage = true;
                payload = true;
                continue;
            }
            String value = i + 1 < w.size() ? w.get(i + 1) : null;
            if (value == null) {
                throw new IllegalArgumentException("'" + kw + "' expects an argument");
            }
            i++;
            if (kw.equals(statusKeyword)) {
                r.status = status(value);
                continue;
            }
            switch (kw) {
                case "content-type" -> r.contentType = value;
                case "string", "lf-string", "file", "lf-file" -> {
                    if (payload) {
                        throw new IllegalArgumentException("only one payload (string, lf-string, file, lf-file or default-errorfiles) is allowed");
                    }
                    payload = true;
                    switch (kw) {
                        case "string" -> r.body = value.getBytes(StandardCharsets.UTF_8);
                        case "lf-string" -> r.lfBody = a.format(value);
                        case "file" -> r.body = read(value);
                        default -> r.lfBody = a.format(new String(read(value), StandardCharsets.UTF_8));
                    }
                }
                case "hdr" -> {
                    if (i + 1 >= w.size()) {
                        throw new IllegalArgumentException("'hdr' expects a header name and a log-format value");
                    }
                    r.headers.add(new Header(value, a.format(w.get(++i))));
                }
                case "errorfile", "errorfiles" -> throw new IllegalArgumentException("'" + kw + "' is not implemented in '"
                        + a.action() + "'; use 'file' or 'string'");
                default -> throw new IllegalArgumentException("unexpected '" + kw + "', expected " + statusKeyword
                        + ", content-type, string, lf-string, file, lf-file, default-errorfiles or hdr");
            }
        }
        if (r.contentType == null && r.lfBody != null) { // HAProxy 2.6's words for both
            throw new IllegalArgumentException("a content type must be defined with a log-format payload");
        }
        if (r.contentType == null && r.body != null && r.body.length > 0) {
            throw new IllegalArgumentException("a content type must be defined when non-empty payload is configured");
        }
        if (r.contentType != null && r.body == null && r.lfBody == null) {
            throw new IllegalArgumentException("'content-type' needs a payload (string, lf-string, file or lf-file)");
        }
        if (!payload) {
            r.errorPage = errorPageByDefault;
        }
        return r;
    }

    static int status(String value) {
        try {
            int s = Integer.parseInt(value);
            if (s >= 200 && s <= 599) {
                return s;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("invalid status '" + value + "', expected a code between 200 and 599");
    }

    private static byte[] read(String file) {
        try {
            return Files.readAllBytes(Path.of(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read file '" + file + "': " + e.getMessage());
        }
    }

    int status() {
        return status;
    }

    HttpReply reply(HttpTxn t) {
        HttpHeaders h = new HttpHeaders();
        if (contentType != null) {
            h.add("content-type", contentType);
        }
        for (Header x : headers) {
            h.add(x.name(), x.value().format(t));
        }
        byte[] payload = body != null ? body
                : lfBody != null ? lfBody.format(t).getBytes(StandardCharsets.UTF_8)
                : errorPage ? null : new byte[0];
        return new HttpReply(status, Reasons.of(status), h, payload, false);
    }
}
