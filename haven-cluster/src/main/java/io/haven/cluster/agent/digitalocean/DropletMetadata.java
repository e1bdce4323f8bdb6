package io.haven.cluster.agent.digitalocean;

import io.haven.cluster.agent.AgentResult;
import io.haven.cluster.agent.Deadline;
import io.haven.cluster.agent.OcfStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * This droplet's id: param {@code droplet-id} when set, else from the metadata service
 * ({@code GET /metadata/v1/id}, plain text, no auth). The id of a droplet never changes, so the
 * first answer is kept. Network errors and 5xx are
 * retried within the deadline; any other answer is a configuration problem.
 */
final class DropletMetadata {
    private final URI base;
    private final Duration requestTimeout;
    private final HttpClient http;
    private volatile Long dropletId;

    DropletMetadata(FloatingIpSettings settings) {
        this.base = settings.metadataUrl();
        this.requestTimeout = settings.requestTimeout();
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(requestTimeout).build();
        this.dropletId = settings.dropletId();
    }

    long dropletId(Deadline deadline) throws AgentFailure, InterruptedException {
        Long known = dropletId;
        if (known != null) {
            return known;
        }
        URI uri = base.resolve("/metadata/v1/id");
        String lastProblem = "no answer";
        for (int attempt = 0; ; attempt++) {
            Duration timeout = deadline.cap(requestTimeout);
            if (timeout.toMillis() < 1) {
                break;
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri).timeout(timeout).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    try {
                        dropletId = Long.parseLong(r.body().strip());
                        return dropletId;
                    } catch (NumberFormatException e) {
                        throw new AgentFailure(new AgentResult(OcfStatus.ERR_CONFIGURED,
                                "the metadata service at " + uri + " answered '" + abbreviate(r.body()) + "', not a droplet id"));
                    }
                }
                lastProblem = "status " + r.statusCode();
                if (r.statusCode() < 500) {
                    throw new AgentFailure(new AgentResult(OcfStatus.ERR_CONFIGURED, "the metadata service at " + uri
                            + " answered " + r.statusCode() + "; set param 'droplet-id' when not running on a droplet"));
                }
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName();
            }
            Thread.sleep(deadline.cap(RetryDelay.backoff(attempt)).toMillis());
        }
        throw new AgentFailure(new AgentResult(OcfStatus.TIMEOUT,
                "no droplet id from the metadata service at " + uri + " before the deadline (last: " + lastProblem + ")"));
    }

    private static String abbreviate(String s) {
        String t = s.strip();
        return t.length() > 40 ? t.substring(0, 40) + "..." : t;
    }
}
