package io.haven.core;

import io.haven.config.model.MysqlLagConfig;
import io.haven.config.model.ProxyConfig;
import io.haven.core.http.HttpRules;
import io.haven.core.http.HttpService;
import io.haven.core.log.ProxyLog;
import io.haven.core.server.Server;
import io.haven.core.server.ServerStatus;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runtime side of a {@code backend} (or the backend half of a {@code listen}): its servers,
 * the snapshot the balancer reads, the queue of connections waiting for a slot, and counters.
 */
public final class Backend {
    private volatile HttpRules httpRules = HttpRules.NONE;
    private final java.util.List<HttpService> httpServices = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final ProxyConfig config;
    private final List<Server> servers = new ArrayList<>();
    private final ProxyCounters counters = new ProxyCounters();
    private final ConcurrentLinkedQueue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong versions = new AtomicLong();
    private final int id;
    private LoadBalancer balancer;
    private ProxyLog log = ProxyLog.NONE;
    private volatile LbSnapshot lb = new LbSnapshot(new Server[0], false, 0, 0);
    private volatile long lastChangeMillis = System.currentTimeMillis();
    private volatile boolean wasAvailable = true;
    private List<Server> previousDegraded = List.of();
    private final byte[] refusal;

    public Backend(ProxyConfig config, int id) {
        this.config = config;
        this.id = id;
        this.refusal = MysqlRefusal.of(config.name(), config.healthCheck().mysqlLag());
    }

    void init(List<Server> all, LoadBalancer lb, ProxyLog proxyLog) {
        servers.addAll(all);
        balancer = lb;
        log = proxyLog;
        recompute();
    }

    public String name() {
        return config.name();
    }

    public int id() {
        return id;
    }

    public ProxyConfig config() {
        return config;
    }

    public List<Server> servers() {
        return Collections.unmodifiableList(servers);
    }

    public Optional<Server> server(String name) {
        for (Server s : servers) {
            if (s.name().equals(name)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** The backend's own {@code log} targets (where server state changes go). */
    /** This proxy's http-request/http-response rules; {@link HttpRules#NONE} until a generation installs them. */
    public HttpRules httpRules() {
        return httpRules;
    }

    /** The services (stats page, applets) that answer requests in this proxy, in order. */
    public java.util.List<HttpService> httpServices() {
        return httpServices;
    }

    /** Adds a service; called while the generation is built, before it serves. */
    public void addHttpService(HttpService service) {
        httpServices.add(java.util.Objects.requireNonNull(service));
    }

    /** Installs the compiled rules; called while the generation is built, before it serves. */
    public void httpRules(HttpRules rules) {
        this.httpRules = java.util.Objects.requireNonNull(rules);
    }

    public ProxyLog log() {
        return log;
    }

    public ProxyCounters counters() {
        return counters;
    }

    public LbSnapshot lb() {
        return lb;
    }

    public long lastChangeMillis() {
        return lastChangeMillis;
    }

    /**
     * {@code nbsrv}: usable servers, counting backups only when no active server is usable; lagging
     * replicas served only to reach {@code min-servers} do not count.
     */
    public int usableServers() {
        return lb.fresh();
    }

    public int activeCount() {
        return (int) servers.stream().filter(s -> !s.isBackup() && s.usable()).count();
    }

    public int backupCount() {
        return (int) servers.stream().filter(s -> s.isBackup() && s.usable()).count();
    }

    /**
     * What a client that no server could take is sent before its connection closes (a MySQL error
     * packet with {@code on-empty refuse}); null to just close, as HAProxy does.
     */
    public byte[] refusal() {
        return refusal == null ? null : refusal.clone();
    }

    /** Whether the backend can take a connection at all (any usable server). */
    public boolean available() {
        return lb.size() > 0;
    }

    /** Asks the balancer for a server with a free slot; null when none is usable or all are full. */
    public Server pick(InetAddress client, Server avoid) {
        LbSnapshot snap = lb;
        if (snap.size() == 0) {
            return null;
        }
        return balancer.pick(snap, client, avoid);
    }

    // --- queue -------------------------------------------------------------------------------

    /** Connections waiting for a slot. */
    public int queueLength() {
        return queued.get();
    }

    /**
     * The queue's capacity: the sum of the usable servers' maxqueue, or unlimited (-1) when one
     * of them has none, as HAProxy counts {@code connslots}.
     */
    public int queueCapacity() {
        int cap = 0;
        for (Server s : lb.servers()) {
            if (s.config().maxqueue() == 0) {
                return -1;
            }
            cap += s.config().maxqueue();
        }
        return cap;
    }

    /** Queues a connection; false when the queue is full. */
    public boolean enqueue(Pending p) {
        int cap = queueCapacity();
        int n = queued.incrementAndGet();
        if (cap >= 0 && n > cap) {
            queued.decrementAndGet();
            return false;
        }
        queue.add(p);
        int m;
        while (n > (m = counters.queueMax.get()) && !counters.queueMax.compareAndSet(m, n)) {
            // retry
        }
        // a slot may have been freed between the caller's failed pick and this enqueue
        for (Server s : lb.servers()) {
            if (s.slots().hasFree()) {
                slotFreed(s);
                break;
            }
        }
        return true;
    }

    /** Removes a connection that gave up waiting. */
    public void dequeue(Pending p) {
        if (queue.remove(p)) {
            queued.decrementAndGet();
        }
    }

    /** Called when a slot on {@code s} is freed or {@code s} became usable: serve waiting connections. */
    public void slotFreed(Server s) {
        while (queued.get() > 0 && s.usable()) {
            if (!s.slots().tryAcquire()) {
                return;
            }
            Pending p = queue.poll();
            if (p == null) {
                s.slots().releaseUnused();
                return;
            }
            queued.decrementAndGet();
            if (!p.dispatch(s)) {
                s.slots().releaseUnused();
            }
        }
    }

    // --- server state ------------------------------------------------------------------------

    /** Recomputes the balancer's snapshot after a server changed and serves the queue. */
    public void serverChanged(Server changed) {
        recompute();
        if (changed.usable()) {
            slotFreed(changed);
        }
    }

    /** Closes the sessions of every backup server (on-marked-up shutdown-backup-sessions). */
    public void shutdownBackupSessions(String reason) {
        for (Server s : servers) {
            if (s.isBackup()) {
                s.slots().shutdownSessions(reason);
            }
        }
    }

    /** A replica reported its lag: a degraded pool is re-sorted, a pool below its floor re-examined. */
    public void lagReported() {
        MysqlLagConfig lag = config.healthCheck().mysqlLag();
        if (lag != null && lag.minServers() > 0 && (lb.degraded() > 0 || lb.fresh() < lag.minServers())) {
            recompute();
        }
    }

    private synchronized void recompute() {
        List<Server> active = new ArrayList<>();
        List<Server> backups = new ArrayList<>();
        for (Server s : servers) {
            if (s.usable()) {
                (s.isBackup() ? backups : active).add(s);
            }
        }
        List<Server> degraded = degradedFill(active.size());
        active.addAll(degraded);
        Server[] chosen;
        boolean backup = false;
        if (!active.isEmpty()) {
            chosen = active.toArray(new Server[0]);
        } else if (!backups.isEmpty()) {
            backup = true;
            chosen = config.allBackups() ? backups.toArray(new Server[0]) : new Server[] {backups.get(0)};
        } else {
            chosen = new Server[0];
        }
        lb = new LbSnapshot(chosen, backup, versions.incrementAndGet(), backup ? 0 : degraded.size());
        DegradedPoolLog.report(this, previousDegraded, degraded, active.size() - degraded.size());
        previousDegraded = degraded;
        boolean available = chosen.length > 0;
        if (available != wasAvailable) {
            wasAvailable = available;
            lastChangeMillis = System.currentTimeMillis();
        }
    }

    /**
     * With {@code min-servers N}: while fewer than N active servers are fresh, the lagging ones
     * (NOLB from the lag check, lag known and within {@code hard-max-lag}) until N are served.
     * Replicas already serving stay while they remain eligible, so the choice does not flip
     * between two replicas whose lags cross; the others are added least lagged first.
     */
    private List<Server> degradedFill(int fresh) {
        MysqlLagConfig lag = config.healthCheck().mysqlLag();
        List<Server> chosen = new ArrayList<>();
        if (lag != null && fresh < lag.minServers()) {
            List<Server> eligible = servers.stream()
                    .filter(s -> !s.isBackup() && s.status() == ServerStatus.NOLB && s.weight() > 0)
                    .filter(s -> s.replicationLag() >= 0 && s.replicationLag() <= lag.hardMaxLagMs())
                    .sorted(Comparator.comparingLong(Server::replicationLag))
                    .toList();
            int wanted = lag.minServers() - fresh;
            eligible.stream().filter(previousDegraded::contains).limit(wanted).forEach(chosen::add);
            eligible.stream().filter(s -> !chosen.contains(s)).limit(wanted - chosen.size()).forEach(chosen::add);
        }
        for (Server s : servers) {
            s.setServedDegraded(chosen.contains(s));
        }
        return chosen;
    }

    @Override
    public String toString() {
        return name();
    }
}
