package io.haven.cluster.raft;

import org.jgroups.Address;
import org.jgroups.JChannel;
import org.jgroups.protocols.raft.RAFT;
import org.jgroups.util.Util;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * One Haven node in the cluster: JGroups membership and failure detection, quorum, and a Raft
 * replicated log applied to the caller's {@link ReplicatedStateMachine}. Commands may be submitted
 * on any node (they are forwarded to the leader); every node applies committed commands in the same
 * order. Events go to {@link ClusterListener}s on one event thread.
 * <p>
 * Lifecycle: construct, {@link #addListener}, {@link #start}, then {@link #close} (a clean leave).
 */
public final class ClusterNode implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
    private static final long LEADER_POLL_MILLIS = 10;

    private final ClusterSettings settings;
    private final ReplicatedStateMachine machine;
    private final TwoNodeArbiter arbiter;
    private final ClusterEvents bus;
    private final Set<CompletableFuture<byte[]>> pending = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService events;
    private final ExecutorService arbiterThread;

    private volatile ClusterStack stack;
    private volatile JChannel channel;
    private volatile QuorumGuard guard;
    private volatile Set<String> up = Set.of();
    private volatile Optional<String> leader = Optional.empty();
    private volatile boolean closed;

    /** A node with the {@link TwoNodeArbiter#DENY} arbiter. */
    public ClusterNode(ClusterSettings settings, ReplicatedStateMachine machine) {
        this(settings, machine, TwoNodeArbiter.DENY);
    }

    public ClusterNode(ClusterSettings settings, ReplicatedStateMachine machine, TwoNodeArbiter arbiter) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.machine = Objects.requireNonNull(machine, "state machine");
        this.arbiter = Objects.requireNonNull(arbiter, "arbiter");
        this.bus = new ClusterEvents(settings.nodeName());
        this.events = Executors.newSingleThreadScheduledExecutor(daemon("haven-cluster-" + settings.nodeName()));
        this.arbiterThread = Executors.newSingleThreadExecutor(daemon("haven-arbiter-" + settings.nodeName()));
    }

    /** Adds a listener; it first hears the current view, leader and quorum. */
    public ClusterNode addListener(ClusterListener l) {
        Objects.requireNonNull(l, "listener");
        events.execute(() -> bus.add(l, up, leader, guard != null ? guard.quorum() : new Quorum(false, "not started")));
        return this;
    }

    /** Opens the state directory, binds the transport and joins the cluster. */
    public synchronized ClusterNode start() throws Exception {
        if (channel != null || closed) {
            throw new IllegalStateException("cluster node " + settings.nodeName() + " was already started");
        }
        JGroupsLogging.useSlf4j();
        Files.createDirectories(settings.stateDir());
        connect();
        events.scheduleWithFixedDelay(this::pollLeader, 0, LEADER_POLL_MILLIS, TimeUnit.MILLISECONDS);
        ClusterTimeouts t = settings.timeouts();
        LOG.info("cluster node {} bound to {}, voters {}, quorum {}, heartbeat {}/{} ms, suspect verify {} ms,"
                        + " state in {}", settings.nodeName(), settings.bind(), settings.voterNames(),
                settings.quorumMode().keyword(), t.heartbeatInterval().toMillis(), t.heartbeatTimeout().toMillis(),
                t.suspectVerify().toMillis(), settings.stateDir());
        return this;
    }

    /**
     * Joins, retrying while the cluster still lists a previous instance of this node (restarted
     * faster than its crash was detected): NO_DUPES rejects such a join.
     */
    private void connect() throws Exception {
        ClusterTimeouts t = settings.timeouts();
        long patience = 2 * (t.heartbeatTimeout().toMillis() + t.suspectVerify().toMillis()) + 1000;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(patience);
        while (true) {
            StateMachineAdapter adapter = new StateMachineAdapter(machine);
            stack = new ClusterStack(settings, s -> guard = new QuorumGuard(settings, s, arbiter, arbiterThread,
                    adapter::commandsApplied, this::onView));
            stack.raft.stateMachine(adapter);
            JChannel ch = new JChannel(stack.protocols());
            stack.afterInit();
            ch.setName(settings.nodeName());
            try {
                ch.connect(settings.clusterName());
                channel = ch;
                return;
            } catch (SecurityException e) {
                ch.close();
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cluster node " + settings.nodeName() + ": the cluster still"
                            + " has a member named " + settings.nodeName() + " after " + patience + " ms (another"
                            + " node configured with the same name?)", e);
                }
                LOG.info("{}: the cluster still lists a previous instance of this node; joining again",
                        settings.nodeName());
                Thread.sleep(200);
            }
        }
    }

    /**
     * Commits {@code command} through Raft (forwarded to the leader when this node is a follower)
     * and completes with the state machine's result once it is applied on the leader. Fails when
     * there is no leader, when the leader changes before the answer came (the command may or may
     * not have been committed: make commands idempotent, or check the state), and after
     * submit-timeout without an answer.
     */
    public CompletableFuture<byte[]> submit(byte[] command) {
        Objects.requireNonNull(command, "command");
        JChannel ch = channel;
        if (ch == null || closed) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "cluster node " + settings.nodeName() + " is not running"));
        }
        return commit(StateMachineAdapter.command(command));
    }

    private CompletableFuture<byte[]> commit(byte[] entry) {
        try {
            CompletableFuture<byte[]> f = stack.redirect.setAsync(entry, 0, entry.length, null)
                    .orTimeout(settings.timeouts().submitTimeout().toMillis(), TimeUnit.MILLISECONDS);
            pending.add(f);
            f.whenComplete((r, e) -> pending.remove(f));
            return f;
        } catch (Exception e) {
            return CompletableFuture.failedFuture(new IllegalStateException(
                    "cannot commit on " + settings.nodeName() + ": " + e.getMessage(), e));
        }
    }

    /** Writes a snapshot of the state machine now and truncates the log before it. */
    public void snapshot() throws Exception {
        if (stack == null) {
            throw new IllegalStateException("cluster node " + settings.nodeName() + " is not started");
        }
        stack.raft.snapshot();
    }

    /** This node's view of the cluster now. */
    public ClusterStatus status() {
        RAFT raft = stack != null ? stack.raft : null;
        Quorum q = guard != null ? guard.quorum() : new Quorum(false, "not started");
        // the leader as Raft knows it now: the polled field may lag a commit this node just led
        Optional<String> now = raft != null ? Optional.ofNullable(raft.leader()).map(QuorumGuard::name) : leader;
        return new ClusterStatus(settings.nodeName(), up, now, q.has(), q.reason(),
                raft != null ? raft.currentTerm() : 0, raft != null ? raft.commitIndex() : 0);
    }

    /** The settings this node runs with. */
    public ClusterSettings settings() {
        return settings;
    }

    /** Whether {@code name} is a witness: a voter the resource manager places nothing on. */
    public boolean isWitness(String name) {
        return settings.voters().stream().anyMatch(v -> v.name().equals(name) && v.witness());
    }

    /** Leaves the cluster cleanly: peers see a leave, not a failure. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        JChannel ch = channel;
        if (ch != null) {
            ch.close();
        }
        stopEvents();
        LOG.info("cluster node {} left", settings.nodeName());
    }

    /**
     * Stops as a crash would: no leave message, the sockets just close, so peers detect a failure
     * (FD_SOCK2). For tests and for a node that must vanish at once.
     */
    public synchronized void halt() {
        if (closed) {
            return;
        }
        closed = true;
        JChannel ch = channel;
        if (ch != null) {
            try {
                Util.shutdown(ch);
            } catch (Exception e) {
                LOG.debug("halt of {}: {}", settings.nodeName(), e.toString());
                ch.close();
            }
        }
        stopEvents();
        LOG.info("cluster node {} halted", settings.nodeName());
    }

    /** The channel, for tests that alter the stack (e.g. insert DISCARD to cut this node off). */
    JChannel channel() {
        return channel;
    }

    private static ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    private void stopEvents() {
        arbiterThread.shutdownNow();
        events.shutdown();
        try {
            events.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void onView(Set<String> names, Quorum q) {
        events.execute(() -> {
            boolean joined = !up.containsAll(names);
            boolean changed = !names.equals(up);
            up = Set.copyOf(names);
            if (joined && isSelf(leader)) {
                commitNoOp("a node joined");
            }
            if (changed) {
                bus.view(up);
            }
            bus.quorum(q);
        });
    }

    private void pollLeader() {
        ClusterStack s = stack;
        if (s == null || closed) {
            return;
        }
        Address a = s.raft.leader();
        Optional<String> now = Optional.ofNullable(a).map(QuorumGuard::name);
        // checked on every poll: the peer may have been followed before this node saw it back
        if (now.isPresent() && !isSelf(now) && guard.recentlyWroteSolo()) {
            guard.forgetSoloWrites();
            bus.soloCommitsLost(now.get());
        }
        if (now.equals(leader)) {
            return;
        }
        Optional<String> before = leader;
        leader = now;
        before.ifPresent(this::failPending);
        if (isSelf(now)) {
            commitNoOp("new leader"); // Raft section 8: commit an entry of the new term at once
        }
        bus.leader(now);
    }

    /**
     * Commits an empty entry, so that a node that (re)joined behind fails the next append and is
     * sent what it lacks at once, and a new leader commits the entries of earlier terms.
     */
    private void commitNoOp(String why) {
        commit(StateMachineAdapter.noOp()).whenComplete((r, e) -> {
            if (e != null) {
                LOG.debug("{}: empty entry ({}) not committed: {}", settings.nodeName(), why, e.toString());
            }
        });
    }

    /** Answers for commands sent to a leader that is gone will never come: fail them now. */
    private void failPending(String oldLeader) {
        for (CompletableFuture<byte[]> f : pending) {
            f.completeExceptionally(new IllegalStateException("leader " + oldLeader + " changed before it"
                    + " confirmed the command; it may or may not have been committed"));
        }
    }

    private boolean isSelf(Optional<String> name) {
        return name.filter(settings.nodeName()::equals).isPresent();
    }

}
