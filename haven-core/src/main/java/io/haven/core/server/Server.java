package io.haven.core.server;

import io.haven.config.model.ServerConfig;
import io.haven.core.Backend;
import io.haven.core.acl.SampleFetch;
import java.net.InetSocketAddress;

/**
 * A server of a backend and its state machine, with HAProxy's semantics.
 *
 * <p>Health follows HAProxy's counter: it runs from 0 to {@code rise + fall - 1}; the server is
 * up while it is at least {@code rise}. A passed check raises it (and jumps to the top once it
 * reaches {@code rise}), a failed one lowers it and drops it to 0 below {@code rise}. A server
 * starts at {@code rise}: up, but down at its first failure. A check that passes conditionally
 * (404 under {@code disable-on-404}) counts as passed and puts the server in NOLB. Admin states
 * (MAINT, DRAIN) from operators or agents overlay the operational state. An operator's
 * {@link PoolOverride} overlays it too: OUT acts as DRAIN, IN ignores a conditional pass given
 * for replication lag (never a 404). State changes are serialised on this object; the balancers
 * read {@link #usable()} without locking.
 */
public final class Server {
    private final Backend backend;
    private final ServerConfig config;
    private final int id;
    private final InetSocketAddress address;
    private final ServerCounters counters = new ServerCounters();
    private final ServerSlots slots;
    private final ServerEvents events;

    // guarded by this
    private int health;
    private boolean checkUp;
    private boolean nolb;
    /** The NOLB comes from a lag result ({@link CheckResult#lagExclusion()}), which IN ignores. */
    private boolean lagNolb;
    private PoolOverrideNote pool = PoolOverrideNote.NONE;
    private boolean agentDown;
    private boolean maint;
    private boolean drain;
    private boolean checkEnabled;
    private boolean agentEnabled;
    private volatile int weight; // written under the lock, read by the balancers without it
    private CheckResult lastCheck = CheckResult.INITIAL;
    private CheckResult lastAgent = CheckResult.INITIAL;
    private long lastChangeMillis = System.currentTimeMillis();
    private long downtimeMillis;

    private volatile ServerStatus status;
    private volatile boolean usable;
    /** Replication lag from {@code option mysql-lag-check}: ms, -1 unknown or not measured. */
    private volatile long replicationLagMillis = -1;
    /** Served although excluded for lag, to keep a pool at its {@code min-servers} floor. */
    private volatile boolean servedDegraded;
    /** The compiled {@code sni} expression of a TLS server, set once while its generation is built. */
    private SampleFetch sni;

    public Server(Backend backend, ServerConfig config, int id, InetSocketAddress address, ServerEvents events) {
        this.backend = backend;
        this.config = config;
        this.id = id;
        this.address = address;
        this.events = events;
        this.slots = new ServerSlots(this, config.maxconn(), counters);
        this.checkEnabled = config.check();
        this.agentEnabled = config.agentCheck();
        this.health = config.rise();
        this.checkUp = true;
        this.maint = config.disabled();
        this.weight = config.weight();
        this.status = compute();
        this.usable = status == ServerStatus.UP && weight > 0;
    }

    public Backend backend() {
        return backend;
    }

    /** What the SNI sent to this server is computed from (its {@code sni} option), or null to send none. */
    public SampleFetch sni() {
        return sni;
    }

    /** Sets the compiled {@code sni} expression; the generation builder calls it before anything connects. */
    public void sni(SampleFetch expression) {
        this.sni = expression;
    }

    public ServerConfig config() {
        return config;
    }

    public String name() {
        return config.name();
    }

    /** "backend/server", as HAProxy names servers in logs and commands. */
    public String fullName() {
        return backend.name() + "/" + config.name();
    }

    public int id() {
        return id;
    }

    public InetSocketAddress address() {
        return address;
    }

    public boolean isBackup() {
        return config.backup();
    }

    public ServerCounters counters() {
        return counters;
    }

    public ServerStatus status() {
        return status;
    }

    /** Whether the balancer may give this server new connections. Lock-free. */
    public boolean usable() {
        return usable;
    }

    /** Whether the server is operational and not in maintenance ({@code srv_is_up}). */
    public boolean isUp() {
        ServerStatus s = status;
        return s == ServerStatus.UP || s == ServerStatus.NOLB || s == ServerStatus.DRAIN;
    }

    public synchronized int weight() {
        return weight;
    }

    /** The weight the balancer uses: zero while draining or in NOLB, unless served to keep a pool at its floor. */
    public int effectiveWeight() {
        return usable || servedDegraded ? weight : 0;
    }

    /** The last replication lag measured by {@code option mysql-lag-check}, in ms; -1 when unknown. */
    public long replicationLag() {
        return replicationLagMillis;
    }

    /** Records a lag measurement (ms, -1 unknown); the backend re-sorts a degraded pool by it. */
    public void reportReplicationLag(long millis) {
        replicationLagMillis = millis;
        backend.lagReported();
    }

    /** Whether the server is served only to keep its pool at {@code min-servers}. */
    public boolean servedDegraded() {
        return servedDegraded;
    }

    /** Set by the backend when it recomputes its pool. */
    public void setServedDegraded(boolean on) {
        servedDegraded = on;
    }

    public synchronized int health() {
        return health;
    }

    public synchronized CheckResult lastCheck() {
        return lastCheck;
    }

    public synchronized CheckResult lastAgent() {
        return lastAgent;
    }

    public synchronized boolean checkEnabled() {
        return checkEnabled;
    }

    public synchronized boolean agentEnabled() {
        return agentEnabled;
    }

    public synchronized boolean inMaintenance() {
        return maint;
    }

    public synchronized boolean draining() {
        return drain;
    }

    public synchronized long lastChangeMillis() {
        return lastChangeMillis;
    }

    /** Total time spent DOWN, including the current outage. */
    public synchronized long downtimeMillis() {
        long d = downtimeMillis;
        if (status == ServerStatus.DOWN) {
            d += System.currentTimeMillis() - lastChangeMillis;
        }
        return d;
    }

    /** HAProxy's stats status: "UP", "UP 1/3", "DOWN 1/2", "NOLB", "DRAIN", "MAINT" or "no check". */
    public synchronized String statusText() {
        ServerStatus s = status;
        int top = config.rise() + config.fall() - 1;
        switch (s) {
            case MAINT:
                return "MAINT";
            case DOWN:
                return checkEnabled && !agentDown && health > 0 ? "DOWN " + health + "/" + config.rise() : "DOWN";
            case DRAIN:
                return pool.override() == PoolOverride.OUT ? "DRAIN (forced out)" : "DRAIN";
            default:
                if (!checkEnabled) {
                    return s == ServerStatus.NOLB ? "NOLB" : "no check";
                }
                String word = s == ServerStatus.NOLB ? "NOLB" : "UP";
                word = health < top ? word + " " + (health - config.rise() + 1) + "/" + config.fall() : word;
                return s == ServerStatus.UP && lagNolb && nolb ? word + " (forced in)" : word;
        }
    }

    /** The interval until the next check, per HAProxy: inter when stable, downinter when down, else fastinter. */
    public synchronized long nextCheckInterval() {
        if (health == config.rise() + config.fall() - 1) {
            return config.inter();
        }
        if (!checkUp && health == 0) {
            return config.effectiveDowninter();
        }
        return config.effectiveFastinter();
    }

    /** Feeds a primary health check result into the state machine. */
    public void onCheckResult(CheckResult r) {
        ServerEvent e;
        synchronized (this) {
            if (!checkEnabled) {
                return;
            }
            lastCheck = r;
            int top = config.rise() + config.fall() - 1;
            switch (r.status().outcome()) {
                case FAILED -> {
                    if (health > 0) {
                        counters.failedChecks.increment();
                        health--;
                        if (health < config.rise()) {
                            health = 0;
                        }
                    }
                    if (health == 0) {
                        checkUp = false;
                    }
                }
                case PASSED, CONDITIONAL -> {
                    if (health < top) {
                        health++;
                        if (health >= config.rise()) {
                            health = top;
                        }
                    }
                    if (health >= config.rise()) {
                        checkUp = true;
                        nolb = r.status().outcome() == CheckStatus.Outcome.CONDITIONAL;
                        lagNolb = nolb && r.lagExclusion();
                    }
                }
                default -> {
                    return;
                }
            }
            e = transition(ServerEvent.Cause.CHECK, r.describe());
        }
        publish(e);
    }

    /** Feeds an agent reply: operational and admin words and a weight in percent of the configured one. */
    public void onAgentReply(AgentReply reply, CheckResult result) {
        ServerEvent e;
        synchronized (this) {
            if (!agentEnabled) {
                return;
            }
            lastAgent = result;
            switch (reply.operational()) {
                case UP -> agentDown = false;
                case DOWN -> agentDown = true;
                default -> { }
            }
            switch (reply.admin()) {
                case READY -> {
                    maint = false;
                    drain = false;
                }
                case DRAIN -> drain = true;
                case MAINT -> maint = true;
                default -> { }
            }
            if (reply.weightPercent().isPresent()) {
                weight = Math.max(0, Math.min(256, config.weight() * reply.weightPercent().getAsInt() / 100));
            }
            String why = "Agent check: " + (reply.comment().isEmpty() ? "agent says " + reply.operational() : reply.comment());
            e = transition(ServerEvent.Cause.AGENT, why);
        }
        publishOrRebalance(e);
    }

    /** {@code set server B/S state maint} / {@code disable server}. */
    public void setMaintenance(boolean on) {
        adminChange(on ? "forced maintenance" : "leaving forced maintenance", () -> maint = on);
    }

    /** {@code set server B/S state drain}. */
    public void setDrain(boolean on) {
        adminChange(on ? "forced drain" : "leaving forced drain", () -> drain = on);
    }

    /** {@code set server B/S state ready}: leaves maintenance and drain. */
    public void setReady() {
        adminChange("leaving forced maintenance", () -> {
            maint = false;
            drain = false;
        });
    }

    /** {@code set server B/S weight N}. */
    public void setWeight(int w) {
        adminChange("weight changed to " + w, () -> weight = w);
    }

    /** {@code enable|disable health B/S}: a disabled check is ignored and the server counts as up. */
    public void setCheckEnabled(boolean on) {
        if (config.check()) {
            adminChange(on ? "health check enabled" : "health check disabled", () -> {
                checkEnabled = on;
                nolb = nolb && on;
            });
        }
    }

    /** {@code enable|disable agent B/S}: a disabled agent no longer forces the server down. */
    public void setAgentEnabled(boolean on) {
        if (config.agentCheck()) {
            adminChange(on ? "agent check enabled" : "agent check disabled", () -> {
                agentEnabled = on;
                agentDown = agentDown && on;
            });
        }
    }

    /** The operator's pool override, with who set it, when and why; {@link PoolOverrideNote#NONE} under AUTO. */
    public synchronized PoolOverrideNote poolOverride() {
        return pool;
    }

    /** Whether the checks exclude the server for replication lag, whether or not {@code pool in} keeps it in. */
    public synchronized boolean lagExcluded() {
        return checkEnabled && nolb && lagNolb;
    }

    /**
     * {@code set server B/S pool in|out|auto}: AUTO forgets the note. The change is published as an
     * {@link ServerEvent.Cause#OVERRIDE} event even when the status stays the same, so the event
     * log always says who did what.
     */
    public void setPoolOverride(PoolOverrideNote note) {
        adminChange(ServerEvent.Cause.OVERRIDE, note.describe(),
                () -> pool = note.override() == PoolOverride.AUTO ? PoolOverrideNote.NONE : note);
    }

    private void adminChange(String reason, Runnable change) {
        adminChange(ServerEvent.Cause.ADMIN, reason, change);
    }

    /**
     * Applies an operator's change under the lock, then reports it outside the lock. A pool
     * override is reported even when the status stays the same.
     */
    private void adminChange(ServerEvent.Cause cause, String reason, Runnable change) {
        ServerEvent e;
        ServerStatus now;
        synchronized (this) {
            change.run();
            e = transition(cause, reason);
            now = status;
        }
        publishOrRebalance(e);
        if (e == null && cause == ServerEvent.Cause.OVERRIDE) {
            events.publish(new ServerEvent(this, now, now, cause, reason));
        }
    }

    /** Takes over the state of the same server in the previous generation (reload). */
    public synchronized void inheritFrom(Server old) {
        synchronized (old) {
            int top = config.rise() + config.fall() - 1;
            health = Math.min(old.health, top);
            if (old.checkUp && old.health >= old.config.rise()) {
                health = Math.max(health, Math.min(config.rise(), top));
            }
            checkUp = old.checkUp;
            nolb = old.nolb;
            lagNolb = old.lagNolb;
            pool = old.pool;
            agentDown = old.agentDown;
            maint = old.maint || (config.disabled() && !old.config.disabled());
            drain = old.drain;
            if (old.config.check() == config.check()) {
                checkEnabled = old.checkEnabled;
            }
            if (old.config.agentCheck() == config.agentCheck()) {
                agentEnabled = old.agentEnabled;
            }
            if (old.weight != old.config.weight() && old.config.weight() == config.weight()) {
                weight = old.weight; // an operator's weight survives a reload that did not change it
            }
            lastCheck = old.lastCheck;
            lastAgent = old.lastAgent;
            lastChangeMillis = old.lastChangeMillis;
            downtimeMillis = old.downtimeMillis;
            status = compute();
            usable = status == ServerStatus.UP && weight > 0;
        }
    }

    /** Connection slots and the sessions on this server. */
    public ServerSlots slots() {
        return slots;
    }

    // --- state machine -----------------------------------------------------------------------

    private ServerStatus compute() {
        boolean running = (!checkEnabled || checkUp) && !agentDown;
        if (maint) {
            return ServerStatus.MAINT;
        }
        if (!running) {
            return ServerStatus.DOWN;
        }
        if (drain || pool.override() == PoolOverride.OUT) {
            return ServerStatus.DRAIN;
        }
        if (checkEnabled && nolb && !(lagNolb && pool.override() == PoolOverride.IN)) {
            return ServerStatus.NOLB;
        }
        return ServerStatus.UP;
    }

    /** Recomputes the status under the lock; returns an event when it changed, else null. */
    private ServerEvent transition(ServerEvent.Cause cause, String reason) {
        ServerStatus before = status;
        ServerStatus after = compute();
        boolean wasUsable = usable;
        usable = after == ServerStatus.UP && weight > 0;
        if (before == after) {
            return wasUsable != usable ? new ServerEvent(this, before, after, cause, reason) : null;
        }
        long now = System.currentTimeMillis();
        if (before == ServerStatus.DOWN) {
            downtimeMillis += now - lastChangeMillis;
        }
        if (after == ServerStatus.DOWN) {
            counters.downTransitions.increment();
        }
        lastChangeMillis = now;
        status = after;
        return new ServerEvent(this, before, after, cause, reason);
    }

    /** A weight may change without a status change; the balancer must see it either way. */
    private void publishOrRebalance(ServerEvent e) {
        if (e == null) {
            backend.serverChanged(this);
        } else {
            publish(e);
        }
    }

    private void publish(ServerEvent e) {
        if (e == null) {
            return;
        }
        backend.serverChanged(this);
        if (e.to() == ServerStatus.DOWN && e.from() != ServerStatus.DOWN && config.shutdownSessionsOnDown()) {
            slots.shutdownSessions("server " + fullName() + " is DOWN");
        }
        if (e.to() == ServerStatus.MAINT && config.shutdownSessionsOnDown()) {
            slots.shutdownSessions("server " + fullName() + " entered maintenance");
        }
        if (!isBackup() && usable && config.shutdownBackupSessionsOnUp()) {
            backend.shutdownBackupSessions("active server " + fullName() + " is UP");
        }
        events.publish(e);
    }

    @Override
    public String toString() {
        return fullName();
    }
}
