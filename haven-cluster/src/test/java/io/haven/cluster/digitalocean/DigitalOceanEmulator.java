package io.haven.cluster.digitalocean;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A local emulator of DigitalOcean's floating IP API (and its reserved_ips twin) and of the droplet
 * metadata service, following the contract summarised in reference/digitalocean-floating-ip-api.md:
 * Bearer tokens (401), 404 for unknown IPs, droplets and actions, 422 for invalid bodies and for
 * actions on a locked IP ({@link ConflictPolicy}), asynchronous actions polled until
 * {@code completed} or {@code errored}, {@code ratelimit-*} headers and 429. Tests inject faults
 * (statuses, {@code retry-after}, slow answers, errored or endless actions) and read every request
 * back. Metadata answers for the droplet bound to the caller's source address, or on a dedicated
 * port per droplet ({@link #metadataUrlFor}).
 * <p>
 * Standalone: {@code java ... DigitalOceanEmulator BIND_ADDRESS PORT [--token T] [--droplet ID[:NAME]]
 * [--ip IP[:DROPLET]] [--action-delay MS] [--metadata SOURCE=DROPLET]}; prints the port it bound.
 */
public final class DigitalOceanEmulator implements AutoCloseable {
    private static final Pattern IP_PATH = Pattern.compile("/v2/(floating_ips|reserved_ips)/([^/]+)(/actions(?:/([^/]+))?)?/?");
    private static final Pattern ACTION_PATH = Pattern.compile("/v2/actions/([^/]+)/?");

    private final HttpServer server;
    private final ExecutorService pool;
    private final EmulatedCloud cloud = new EmulatedCloud();
    private final RateLimiter limiter = new RateLimiter();
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();
    private final Deque<Fault> faults = new ArrayDeque<>();
    private final Map<String, Long> metadataBySource = new ConcurrentHashMap<>();
    private final List<HttpServer> metadataServers = new CopyOnWriteArrayList<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<Hook> hooks = new CopyOnWriteArrayList<>();
    private volatile long rateLimitedUntilMillis;

    /** Something to do once, just before the next matching API request is answered. */
    private record Hook(String method, String pathPrefix, Runnable action) {
    }

    private DigitalOceanEmulator(HttpServer server, ExecutorService pool) {
        this.server = server;
        this.pool = pool;
    }

    /** Starts on a free port of 127.0.0.1. */
    public static DigitalOceanEmulator start() throws IOException {
        return start("127.0.0.1", 0);
    }

    public static DigitalOceanEmulator start(String bindAddress, int port) throws IOException {
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "do-emulator");
            t.setDaemon(true);
            return t;
        });
        HttpServer server = HttpServer.create(new InetSocketAddress(bindAddress, port), 64);
        DigitalOceanEmulator e = new DigitalOceanEmulator(server, pool);
        server.createContext("/", x -> e.handle(x, null));
        server.setExecutor(pool);
        server.start();
        return e;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The base URL of the API and of the source-address metadata service. */
    public URI apiUrl() {
        return URI.create("http://" + hostOf(server) + ":" + port());
    }

    // ---- account ----

    /** Accepts this token in {@code Authorization: Bearer}. */
    public DigitalOceanEmulator token(String token) {
        tokens.add(token);
        return this;
    }

    public DigitalOceanEmulator droplet(long id, String name) {
        cloud.addDroplet(id, name);
        return this;
    }

    /** A floating IP in region nyc3, assigned to {@code droplet} (null: unassigned). */
    public DigitalOceanEmulator floatingIp(String ip, Long droplet) {
        cloud.addFloatingIp(ip, "nyc3", droplet);
        return this;
    }

    /** Metadata requests from {@code sourceAddress} to {@link #apiUrl()} answer for {@code droplet}. */
    public DigitalOceanEmulator metadataForSource(String sourceAddress, long droplet) {
        metadataBySource.put(sourceAddress, droplet);
        return this;
    }

    /** A metadata service of its own, on another port of the same address, answering for {@code droplet}. */
    public URI metadataUrlFor(long droplet) throws IOException {
        HttpServer s = HttpServer.create(new InetSocketAddress(server.getAddress().getAddress(), 0), 16);
        s.createContext("/", x -> handle(x, droplet));
        s.setExecutor(pool);
        s.start();
        metadataServers.add(s);
        return URI.create("http://" + hostOf(s) + ":" + s.getAddress().getPort());
    }

    // ---- behaviour ----

    /** How long an action stays in-progress (default 200 ms; DigitalOcean's documented example took 11 s). */
    public DigitalOceanEmulator actionDelay(Duration delay) {
        cloud.actionDelay(delay);
        return this;
    }

    public DigitalOceanEmulator actionOutcome(ActionOutcome outcome) {
        cloud.actionOutcome(outcome);
        return this;
    }

    public DigitalOceanEmulator conflictPolicy(ConflictPolicy policy) {
        cloud.conflictPolicy(policy);
        return this;
    }

    /** Per-token limits: {@code limit} per {@code window} (headers; 429 without retry-after), {@code burst} per {@code burstWindow} (429 with retry-after). */
    public DigitalOceanEmulator rateLimit(long limit, Duration window, long burst, Duration burstWindow) {
        limiter.configure(limit, window.toMillis(), burst, burstWindow.toMillis());
        return this;
    }

    /** The next {@code count} API requests answer {@code status} (e.g. 500, 503, 429 without retry-after). */
    public DigitalOceanEmulator failNext(int count, int status) {
        return inject(count, new Fault(status, null, Duration.ZERO));
    }

    /** The next {@code count} API requests answer 429 with {@code retry-after: seconds}. */
    public DigitalOceanEmulator tooManyRequestsNext(int count, int retryAfterSeconds) {
        return inject(count, new Fault(429, retryAfterSeconds, Duration.ZERO));
    }

    /** The next {@code count} API requests are answered normally, but only after {@code delay}. */
    public DigitalOceanEmulator slowNext(int count, Duration delay) {
        return inject(count, new Fault(0, null, delay));
    }

    /** Every API request answers 429 with a {@code retry-after} counting down to now + {@code period}. */
    public DigitalOceanEmulator rateLimitFor(Duration period) {
        rateLimitedUntilMillis = System.currentTimeMillis() + period.toMillis();
        return this;
    }

    private DigitalOceanEmulator inject(int count, Fault fault) {
        synchronized (faults) {
            for (int i = 0; i < count; i++) {
                faults.addLast(fault);
            }
        }
        return this;
    }

    /**
     * Runs {@code action} once, just before the next {@code method} request whose path starts with
     * {@code pathPrefix} is answered: a rival's move that lands between two requests of a client.
     */
    public DigitalOceanEmulator beforeNext(String method, String pathPrefix, Runnable action) {
        hooks.add(new Hook(method, pathPrefix, action));
        return this;
    }

    /** Submits an action as another client would (assign when {@code droplet} is not null); returns its id, or -1 when rejected as locked. */
    public long submitAction(String ip, Long droplet) {
        EmulatedAction a = cloud.submit(ip, droplet);
        return a == null ? -1 : a.id;
    }

    // ---- observation ----

    public Long assignedDroplet(String ip) {
        return cloud.assignedDroplet(ip);
    }

    public boolean locked(String ip) {
        return cloud.locked(ip);
    }

    /** The status of an action ({@code in-progress}, {@code completed}, {@code errored}), or null if unknown. */
    public String actionStatus(long id) {
        EmulatedAction a = cloud.action(id);
        return a == null ? null : a.status;
    }

    /** Every request answered so far, oldest first. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public List<RecordedRequest> requests(String method, String pathPrefix) {
        return requests.stream().filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix)).toList();
    }

    @Override
    public void close() {
        server.stop(0);
        metadataServers.forEach(s -> s.stop(0));
        cloud.close();
        pool.shutdownNow();
    }

    // ---- HTTP ----

    private void handle(HttpExchange x, Long metadataDroplet) throws IOException {
        String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Answer a;
        try {
            String path = x.getRequestURI().getPath();
            if (path.startsWith("/metadata/")) {
                Long droplet = metadataDroplet != null ? metadataDroplet
                        : metadataBySource.get(x.getRemoteAddress().getAddress().getHostAddress());
                a = MetadataAnswers.answer(cloud, droplet, path);
            } else if (metadataDroplet != null) {
                a = Answer.error(404, "not_found", "The resource you requested could not be found.");
            } else {
                a = api(x, path, body);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            a = Answer.error(500, "server_error", "Unexpected server-side error");
        } catch (RuntimeException e) {
            a = Answer.error(500, "server_error", "Unexpected server-side error: " + e);
        }
        requests.add(new RecordedRequest(Instant.now(), x.getRequestMethod(), x.getRequestURI().getPath(),
                x.getRequestURI().getRawQuery() == null ? "" : x.getRequestURI().getRawQuery(),
                Map.copyOf(x.getRequestHeaders()), body, x.getRemoteAddress().getAddress().getHostAddress(), a.status()));
        byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", a.contentType());
        a.headers().forEach((k, v) -> x.getResponseHeaders().set(k, v));
        x.sendResponseHeaders(a.status(), a.status() == 204 ? -1 : bytes.length);
        try (OutputStream out = x.getResponseBody()) {
            if (a.status() != 204) {
                out.write(bytes);
            }
        }
    }

    private Answer api(HttpExchange x, String path, String body) throws InterruptedException {
        for (Hook h : hooks) {
            if (h.method().equals(x.getRequestMethod()) && path.startsWith(h.pathPrefix()) && hooks.remove(h)) {
                h.action().run();
            }
        }
        Fault fault;
        synchronized (faults) {
            fault = faults.pollFirst();
        }
        if (fault != null) {
            Thread.sleep(fault.delay().toMillis());
            if (fault.status() != 0) {
                Answer a = Answer.error(fault.status(), errorId(fault.status()), errorMessage(fault.status()));
                return fault.retryAfterSeconds() == null ? a : a.with("retry-after", fault.retryAfterSeconds().toString());
            }
        }
        String auth = x.getRequestHeaders().getFirst("Authorization");
        String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7).strip() : null;
        if (token == null || !tokens.contains(token)) {
            return Answer.error(401, "unauthorized", "Unable to authenticate you.");
        }
        long limitedUntil = rateLimitedUntilMillis;
        long now = System.currentTimeMillis();
        if (limitedUntil > now) {
            long seconds = Math.max(1, (limitedUntil - now + 999) / 1000);
            return Answer.error(429, "too_many_requests", "API rate limit exceeded.").with("retry-after", Long.toString(seconds));
        }
        RateLimiter.Verdict v = limiter.admit(token, now);
        Answer a = v.allowed() ? route(x.getRequestMethod(), path, x.getRequestURI().getRawQuery(), body)
                : Answer.error(429, "too_many_requests", "API rate limit exceeded.");
        a = a.with("ratelimit-limit", Long.toString(v.limit()))
                .with("ratelimit-remaining", Long.toString(v.remaining()))
                .with("ratelimit-reset", Long.toString(v.resetEpochSeconds()));
        return v.retryAfterSeconds() == null ? a : a.with("retry-after", v.retryAfterSeconds().toString());
    }

    private Answer route(String method, String path, String query, String body) {
        if (path.equals("/v2/floating_ips") || path.equals("/v2/reserved_ips")) {
            return method.equals("GET") ? list(path.substring(4), query) : notAllowed();
        }
        Matcher m = ACTION_PATH.matcher(path);
        if (m.matches()) {
            return method.equals("GET") ? action(m.group(1), null) : notAllowed();
        }
        m = IP_PATH.matcher(path);
        if (!m.matches()) {
            return notFound();
        }
        String family = m.group(1);
        String ip = m.group(2);
        if (!cloud.hasIp(ip)) {
            return notFound();
        }
        if (m.group(3) == null) {
            if (!method.equals("GET")) {
                return notAllowed();
            }
            ObjectNode root = EmulatedCloud.JSON.createObjectNode();
            root.set(singular(family), cloud.floatingIpJson(ip));
            return Answer.json(200, root);
        }
        if (m.group(4) != null) {
            return method.equals("GET") ? action(m.group(4), ip) : notAllowed();
        }
        if (method.equals("GET")) {
            ObjectNode root = EmulatedCloud.JSON.createObjectNode();
            ArrayNode list = root.putArray("actions");
            cloud.actionsOf(ip).forEach(a -> list.add(cloud.actionJson(a)));
            root.putObject("links");
            root.putObject("meta").put("total", list.size());
            return Answer.json(200, root);
        }
        return method.equals("POST") ? submit(ip, body) : notAllowed();
    }

    private Answer submit(String ip, String body) {
        JsonNode req;
        try {
            req = EmulatedCloud.JSON.readTree(body);
        } catch (IOException e) {
            return Answer.error(422, "unprocessable_entity", "The request body is not valid JSON.");
        }
        if (req == null || !req.isObject()) {
            return Answer.error(422, "unprocessable_entity", "The request body must be a JSON object.");
        }
        String type = req.path("type").asText("");
        Long droplet = null;
        if (type.equals("assign")) {
            if (!req.path("droplet_id").canConvertToLong() || !req.path("droplet_id").isIntegralNumber()) {
                return Answer.error(422, "unprocessable_entity", "droplet_id is required for an assign action and must be an integer.");
            }
            droplet = req.get("droplet_id").asLong();
            if (!cloud.hasDroplet(droplet)) {
                return notFound();
            }
        } else if (type.equals("unassign")) {
            if (cloud.assignedDroplet(ip) == null && !cloud.locked(ip)) {
                return Answer.error(422, "unprocessable_entity", "The floating IP is not assigned to a droplet.");
            }
        } else {
            return Answer.error(422, "unprocessable_entity", "type must be one of assign, unassign.");
        }
        EmulatedAction a = cloud.submit(ip, droplet);
        if (a == null) {
            return Answer.error(422, "unprocessable_entity", "The floating IP is locked by a pending action; try again later.");
        }
        ObjectNode root = EmulatedCloud.JSON.createObjectNode();
        root.set("action", cloud.actionJson(a));
        return Answer.json(201, root);
    }

    private Answer action(String idText, String ip) {
        EmulatedAction a;
        try {
            a = cloud.action(Long.parseLong(idText));
        } catch (NumberFormatException e) {
            return notFound();
        }
        if (a == null || (ip != null && !a.ip.equals(ip))) {
            return notFound();
        }
        ObjectNode root = EmulatedCloud.JSON.createObjectNode();
        root.set("action", cloud.actionJson(a));
        return Answer.json(200, root);
    }

    private Answer list(String family, String query) {
        Map<String, String> q = query(query);
        int page;
        int perPage;
        try {
            page = Integer.parseInt(q.getOrDefault("page", "1"));
            perPage = Integer.parseInt(q.getOrDefault("per_page", "20"));
        } catch (NumberFormatException e) {
            return Answer.error(422, "unprocessable_entity", "page and per_page must be integers.");
        }
        if (page < 1 || perPage < 1 || perPage > 200) {
            return Answer.error(422, "unprocessable_entity", "page must be >= 1 and per_page between 1 and 200.");
        }
        List<String> ips = cloud.ips();
        ObjectNode root = EmulatedCloud.JSON.createObjectNode();
        ArrayNode list = root.putArray(family);
        ips.stream().skip((long) (page - 1) * perPage).limit(perPage).forEach(ip -> list.add(cloud.floatingIpJson(ip)));
        root.putObject("links");
        root.putObject("meta").put("total", ips.size());
        return Answer.json(200, root);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw != null) {
            for (String kv : raw.split("&")) {
                int eq = kv.indexOf('=');
                if (eq > 0) {
                    q.put(kv.substring(0, eq), kv.substring(eq + 1));
                }
            }
        }
        return q;
    }

    private static String singular(String family) {
        return family.substring(0, family.length() - 1);
    }

    private static Answer notFound() {
        return Answer.error(404, "not_found", "The resource you requested could not be found.");
    }

    private static Answer notAllowed() {
        return Answer.error(405, "method_not_allowed", "The method is not allowed on this resource.");
    }

    private static String errorId(int status) {
        return switch (status) {
            case 429 -> "too_many_requests";
            case 500 -> "server_error";
            case 503 -> "service_unavailable";
            default -> "error_" + status;
        };
    }

    private static String errorMessage(int status) {
        return switch (status) {
            case 429 -> "API rate limit exceeded.";
            case 500 -> "Unexpected server-side error";
            case 503 -> "Service unavailable, try again later.";
            default -> "Injected error " + status;
        };
    }

    private static String hostOf(HttpServer s) {
        return s.getAddress().getAddress().getHostAddress();
    }

    /** One answer: status, body, content type and extra headers. */
    record Answer(int status, String body, String contentType, Map<String, String> headers) {
        static Answer json(int status, JsonNode body) {
            return new Answer(status, body.toString(), "application/json; charset=utf-8", Map.of());
        }

        static Answer text(int status, String body) {
            return new Answer(status, body, "text/plain; charset=utf-8", Map.of());
        }

        static Answer error(int status, String id, String message) {
            ObjectNode n = EmulatedCloud.JSON.createObjectNode();
            n.put("id", id);
            n.put("message", message);
            n.put("request_id", UUID.randomUUID().toString());
            return json(status, n);
        }

        Answer with(String header, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(header, value);
            return new Answer(status, body, contentType, h);
        }
    }

    /** Runs the emulator until the process is killed; see the class comment for the arguments. */
    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 2) {
            System.err.println("usage: DigitalOceanEmulator BIND_ADDRESS PORT [--token T] [--droplet ID[:NAME]]"
                    + " [--ip IP[:DROPLET]] [--action-delay MS] [--metadata SOURCE=DROPLET]");
            System.exit(2);
        }
        DigitalOceanEmulator e = start(args[0], Integer.parseInt(args[1]));
        List<String> rest = new ArrayList<>(List.of(args).subList(2, args.length));
        for (int i = 0; i + 1 < rest.size(); i += 2) {
            String v = rest.get(i + 1);
            switch (rest.get(i)) {
                case "--token" -> e.token(v);
                case "--droplet" -> {
                    String[] p = v.split(":", 2);
                    e.droplet(Long.parseLong(p[0]), p.length > 1 ? p[1] : "droplet-" + p[0]);
                }
                case "--ip" -> {
                    String[] p = v.split(":", 2);
                    e.floatingIp(p[0], p.length > 1 ? Long.valueOf(p[1]) : null);
                }
                case "--action-delay" -> e.actionDelay(Duration.ofMillis(Long.parseLong(v)));
                case "--metadata" -> {
                    String[] p = v.split("=", 2);
                    e.metadataForSource(p[0], Long.parseLong(p[1]));
                }
                default -> throw new IllegalArgumentException("unknown option " + rest.get(i));
            }
        }
        System.out.println(e.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
