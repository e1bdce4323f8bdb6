package io.haven.cluster.digitalocean;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One request the emulator answered, with every header as sent and the status it got. */
public record RecordedRequest(Instant at, String method, String path, String query, Map<String, List<String>> headers,
                              String body, String remoteAddress, int status) {

    /** The first value of a header, case-insensitively, or null. */
    public String header(String name) {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        return null;
    }

    /** Everything of the request except the Authorization header, as one string to search. */
    public String withoutAuthorization() {
        StringBuilder sb = new StringBuilder(method).append(' ').append(path).append('?').append(query).append('\n');
        headers.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Authorization")) {
                sb.append(k).append(": ").append(v).append('\n');
            }
        });
        return sb.append(body).toString();
    }
}
