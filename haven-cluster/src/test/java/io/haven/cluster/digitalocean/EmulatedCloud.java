package io.haven.cluster.digitalocean;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The emulated account: droplets, floating IPs and their actions. An IP is assigned to at most one
 * droplet; an action keeps the IP {@code locked} until it ends after the action delay, and only
 * then does the assignment change, as on DigitalOcean. Renders the documented JSON shapes.
 */
final class EmulatedCloud implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    private final Map<Long, String> droplets = new LinkedHashMap<>();
    private final Map<String, Long> assignment = new LinkedHashMap<>();
    private final Map<String, String> regions = new LinkedHashMap<>();
    private final Map<Long, EmulatedAction> actions = new LinkedHashMap<>();
    private final Map<String, Instant> busyUntil = new LinkedHashMap<>();
    // DigitalOcean's action ids are global and grow; each emulator starts at its own so two in one JVM never share one
    private final AtomicLong actionIds = new AtomicLong(72531856 + java.util.concurrent.ThreadLocalRandom.current()
            .nextLong(1L << 40));
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "do-emulator-actions");
        t.setDaemon(true);
        return t;
    });
    private Duration actionDelay = Duration.ofMillis(200);
    private ActionOutcome outcome = ActionOutcome.COMPLETE;
    private ConflictPolicy conflicts = ConflictPolicy.REJECT;

    synchronized void addDroplet(long id, String name) {
        droplets.put(id, name);
    }

    synchronized void addFloatingIp(String ip, String region, Long droplet) {
        regions.put(ip, region);
        assignment.put(ip, droplet);
    }

    synchronized void actionDelay(Duration d) {
        actionDelay = d;
    }

    synchronized void actionOutcome(ActionOutcome o) {
        outcome = o;
    }

    synchronized void conflictPolicy(ConflictPolicy p) {
        conflicts = p;
    }

    synchronized boolean hasIp(String ip) {
        return regions.containsKey(ip);
    }

    synchronized boolean hasDroplet(long id) {
        return droplets.containsKey(id);
    }

    synchronized Long assignedDroplet(String ip) {
        return assignment.get(ip);
    }

    synchronized boolean locked(String ip) {
        return actions.values().stream().anyMatch(a -> a.ip.equals(ip) && a.pending());
    }

    synchronized List<EmulatedAction> actionsOf(String ip) {
        return actions.values().stream().filter(a -> a.ip.equals(ip)).toList();
    }

    synchronized EmulatedAction action(long id) {
        return actions.get(id);
    }

    /** The IP assigned to a droplet, or null. */
    synchronized String ipOf(long droplet) {
        return assignment.entrySet().stream().filter(e -> Long.valueOf(droplet).equals(e.getValue()))
                .map(Map.Entry::getKey).findFirst().orElse(null);
    }

    synchronized String dropletName(long id) {
        return droplets.get(id);
    }

    /**
     * Submits an assign ({@code droplet} not null) or unassign; null when the IP is locked and
     * conflicts are rejected.
     */
    synchronized EmulatedAction submit(String ip, Long droplet) {
        Instant now = Instant.now();
        if (locked(ip) && conflicts == ConflictPolicy.REJECT) {
            return null;
        }
        EmulatedAction a = new EmulatedAction(actionIds.getAndIncrement(), droplet != null ? "assign_ip" : "unassign_ip",
                ip, droplet, now);
        actions.put(a.id, a);
        if (outcome == ActionOutcome.NEVER) {
            return a;
        }
        Instant start = busyUntil.getOrDefault(ip, now).isAfter(now) ? busyUntil.get(ip) : now;
        Instant end = start.plus(actionDelay);
        busyUntil.put(ip, end);
        ActionOutcome fate = outcome;
        timer.schedule(() -> finish(a, fate), Math.max(0, Duration.between(now, end).toMillis()), TimeUnit.MILLISECONDS);
        return a;
    }

    private synchronized void finish(EmulatedAction a, ActionOutcome fate) {
        a.completedAt = Instant.now();
        if (fate == ActionOutcome.ERRORED) {
            a.status = "errored";
            return;
        }
        a.status = "completed";
        assignment.put(a.ip, a.droplet);
    }

    synchronized ObjectNode floatingIpJson(String ip) {
        ObjectNode n = JSON.createObjectNode();
        n.put("ip", ip);
        n.set("region", regionJson(regions.get(ip)));
        Long d = assignment.get(ip);
        if (d == null) {
            n.putNull("droplet");
        } else {
            n.set("droplet", dropletJson(d));
        }
        n.put("locked", locked(ip));
        n.put("project_id", "746c6152-2fa2-11ed-92d3-27aaa54e4988");
        return n;
    }

    synchronized List<String> ips() {
        return new ArrayList<>(regions.keySet());
    }

    synchronized ObjectNode actionJson(EmulatedAction a) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", a.id);
        n.put("status", a.status);
        n.put("type", a.type);
        n.put("started_at", a.startedAt.truncatedTo(ChronoUnit.SECONDS).toString());
        if (a.completedAt == null) {
            n.putNull("completed_at");
        } else {
            n.put("completed_at", a.completedAt.truncatedTo(ChronoUnit.SECONDS).toString());
        }
        // DigitalOcean puts the IP as an integer here (e.g. 758604968)
        n.put("resource_id", ipAsInteger(a.ip));
        n.put("resource_type", "floating_ip");
        n.set("region", regionJson(regions.get(a.ip)));
        n.put("region_slug", regions.get(a.ip));
        return n;
    }

    private ObjectNode dropletJson(long id) {
        ObjectNode n = JSON.createObjectNode();
        n.put("id", id);
        n.put("name", droplets.getOrDefault(id, "droplet-" + id));
        n.put("status", "active");
        n.put("locked", false);
        n.put("memory", 1024);
        n.put("vcpus", 1);
        n.put("disk", 25);
        return n;
    }

    private static ObjectNode regionJson(String slug) {
        ObjectNode r = JSON.createObjectNode();
        r.put("name", slug);
        r.put("slug", slug);
        ArrayNode features = r.putArray("features");
        features.add("metadata");
        r.put("available", true);
        r.putArray("sizes");
        return r;
    }

    private static long ipAsInteger(String ip) {
        long v = 0;
        for (String part : ip.split("\\.")) {
            v = v * 256 + Long.parseLong(part);
        }
        return v;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
