package io.haven.cluster.agent.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.haven.cluster.agent.AgentResult;
import io.haven.cluster.agent.Deadline;
import io.haven.cluster.agent.OcfStatus;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The few calls of DigitalOcean's floating IP API the agent needs, each retried within the
 * operation's deadline: on 429 (waiting as long as {@code retry-after} / {@code ratelimit-reset}
 * say), on 5xx and on network errors, with {@link RetryDelay backoff}. Other 4xx answers are not
 * retried and surface as {@link ApiError}. The token is read for each operation and only ever
 * written into the {@code Authorization} header.
 */
final class DigitalOceanApi {
    private static final Logger LOG = LoggerFactory.getLogger(DigitalOceanApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PAGE = 200;

    private final URI base;
    private final TokenSource tokens;
    private final Duration requestTimeout;
    private final HttpClient http;

    DigitalOceanApi(URI base, TokenSource tokens, Duration requestTimeout) {
        this.base = base;
        this.tokens = tokens;
        this.requestTimeout = requestTimeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(requestTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    FloatingIp floatingIp(String ip, Deadline deadline) throws AgentFailure, ApiError, InterruptedException {
        JsonNode fip = call("GET", "/v2/floating_ips/" + ip, null, deadline).path("floating_ip");
        JsonNode droplet = fip.path("droplet");
        Long dropletId = droplet.isObject() && droplet.hasNonNull("id") ? droplet.get("id").asLong() : null;
        return new FloatingIp(ip, dropletId, fip.path("locked").asBoolean(false));
    }

    IpAction assign(String ip, long dropletId, Deadline deadline) throws AgentFailure, ApiError, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("type", "assign").put("droplet_id", dropletId);
        IpAction a = action(call("POST", "/v2/floating_ips/" + ip + "/actions", body.toString(), deadline).path("action"));
        OwnAssigns.add(base, ip, dropletId, a.id());
        return a;
    }

    /** True if this process assigned {@code ip} to {@code droplet} by action {@code actionId} (see {@link OwnAssigns}). */
    boolean ownAssign(String ip, long droplet, long actionId) {
        return OwnAssigns.contains(base, ip, droplet, actionId);
    }

    IpAction unassign(String ip, Deadline deadline) throws AgentFailure, ApiError, InterruptedException {
        ObjectNode body = JSON.createObjectNode().put("type", "unassign");
        return action(call("POST", "/v2/floating_ips/" + ip + "/actions", body.toString(), deadline).path("action"));
    }

    IpAction action(long id, Deadline deadline) throws AgentFailure, ApiError, InterruptedException {
        return action(call("GET", "/v2/actions/" + id, null, deadline).path("action"));
    }

    /**
     * Every action on {@code ip} the API lists. The order of the list is not documented, so when it
     * has more than one page the first and the last are read: the newest actions are on one of them.
     */
    List<IpAction> actions(String ip, Deadline deadline) throws AgentFailure, ApiError, InterruptedException {
        String path = "/v2/floating_ips/" + ip + "/actions?per_page=" + PAGE;
        JsonNode first = call("GET", path, null, deadline);
        List<IpAction> all = new ArrayList<>();
        first.path("actions").forEach(a -> all.add(action(a)));
        int pages = (int) ((first.path("meta").path("total").asLong(all.size()) + PAGE - 1) / PAGE);
        if (pages > 1) {
            call("GET", path + "&page=" + pages, null, deadline).path("actions").forEach(a -> all.add(action(a)));
        }
        return all;
    }

    /** Reads {@code ip} until no action holds it, every {@code poll}; TIMEOUT at the deadline. */
    FloatingIp unlocked(String ip, Duration poll, Deadline deadline) throws AgentFailure, ApiError, InterruptedException {
        while (true) {
            FloatingIp fip = floatingIp(ip, deadline);
            if (!fip.locked()) {
                return fip;
            }
            if (deadline.passed()) {
                throw new AgentFailure(new AgentResult(OcfStatus.TIMEOUT,
                        ip + " is still locked by a pending action at the deadline"));
            }
            Thread.sleep(deadline.cap(poll).toMillis());
        }
    }

    /** Reads {@code action} every {@code poll} until it is completed or errored; TIMEOUT at the deadline. */
    IpAction finished(IpAction action, String ip, Duration poll, Deadline deadline)
            throws AgentFailure, ApiError, InterruptedException {
        long t0 = System.nanoTime();
        IpAction a = action;
        while (!a.completed() && !a.errored()) {
            Thread.sleep(deadline.cap(poll).toMillis());
            try {
                if (deadline.passed()) {
                    throw new AgentFailure(new AgentResult(OcfStatus.TIMEOUT, "deadline"));
                }
                a = action(a.id(), deadline);
            } catch (AgentFailure f) {
                if (f.result().status() != OcfStatus.TIMEOUT) {
                    throw f;
                }
                throw new AgentFailure(new AgentResult(OcfStatus.TIMEOUT, a.type() + " action " + a.id() + " on "
                        + ip + " is still " + a.status() + " after " + (System.nanoTime() - t0) / 1_000_000 + " ms"));
            }
        }
        return a;
    }

    private static IpAction action(JsonNode a) {
        Instant completedAt = null;
        try {
            completedAt = a.hasNonNull("completed_at") ? Instant.parse(a.get("completed_at").asText()) : null;
        } catch (DateTimeParseException e) {
            // an unreadable time counts as unknown: callers treat that as recent
        }
        return new IpAction(a.path("id").asLong(), a.path("status").asText("in-progress"), a.path("type").asText(""),
                completedAt);
    }

    private JsonNode call(String method, String path, String body, Deadline deadline)
            throws AgentFailure, ApiError, InterruptedException {
        ApiToken token = tokens.read();
        String request = method + " " + path;
        String lastProblem = "no answer";
        for (int attempt = 0; ; attempt++) {
            Duration timeout = deadline.cap(requestTimeout);
            if (timeout.toMillis() < 1) {
                throw timeout(request, attempt, lastProblem);
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(timeout)
                    .header("Authorization", token.authorizationHeader())
                    .header("Accept", "application/json");
            if (body != null) {
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            Duration wait;
            try {
                HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
                int status = r.statusCode();
                if (status >= 200 && status < 300) {
                    return parse(request, status, r.body());
                }
                JsonNode error = parseQuietly(r.body());
                String id = error.path("id").asText("unknown");
                String message = error.path("message").asText("(no message)");
                lastProblem = status + " " + id + ": " + message;
                if (status == 429) {
                    Optional<Duration> asked = RetryDelay.rateLimited(r.headers(), System.currentTimeMillis());
                    if (asked.isPresent() && asked.get().compareTo(deadline.remaining()) > 0) {
                        throw new AgentFailure(new AgentResult(OcfStatus.TIMEOUT, request + " is rate limited for "
                                + asked.get().toMillis() + " ms more, beyond this operation's deadline"));
                    }
                    wait = asked.orElseGet(() -> RetryDelay.backoff(0));
                } else if (status >= 500) {
                    wait = RetryDelay.backoff(attempt);
                } else {
                    throw new ApiError(request, status, id, message);
                }
            } catch (IOException e) {
                String problem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                // a request cut short by the deadline itself says less than the answer before it
                if (!deadline.passed() || attempt == 0) {
                    lastProblem = problem;
                }
                wait = RetryDelay.backoff(attempt);
            }
            LOG.info("{} failed ({}), retrying in {} ms", request, lastProblem, wait.toMillis());
            Thread.sleep(deadline.cap(wait).toMillis());
        }
    }

    private static JsonNode parse(String request, int status, String body) throws AgentFailure {
        try {
            return body.isEmpty() ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new AgentFailure(AgentResult.error(request + " answered " + status + " with a body that is not JSON"));
        }
    }

    private static JsonNode parseQuietly(String body) {
        try {
            JsonNode n = body.isEmpty() ? null : JSON.readTree(body);
            return n == null ? JSON.createObjectNode() : n;
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static AgentFailure timeout(String request, int attempts, String lastProblem) {
        return new AgentFailure(new AgentResult(OcfStatus.TIMEOUT,
                request + " did not succeed before the deadline (" + attempts + " attempts; last: " + lastProblem + ")"));
    }
}
