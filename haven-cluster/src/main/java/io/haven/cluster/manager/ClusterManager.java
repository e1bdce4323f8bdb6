package io.haven.cluster.manager;

import io.haven.cluster.agent.ResourceAgent;
import io.haven.cluster.exec.OpResult;
import io.haven.cluster.exec.OpTimings;
import io.haven.cluster.exec.ResourceExecutor;
import io.haven.cluster.placement.Action;
import io.haven.cluster.placement.Plan;
import io.haven.cluster.placement.Scheduler;
import io.haven.cluster.raft.ClusterListener;
import io.haven.cluster.raft.ClusterNode;
import io.haven.cluster.raft.ClusterSettings;
import io.haven.cluster.raft.ClusterStatus;
import io.haven.cluster.raft.TwoNodeArbiter;
import io.haven.cluster.state.ClusterCommand;
import io.haven.cluster.state.ClusterDefinition;
import io.haven.cluster.state.ClusterState;
import io.haven.cluster.state.CommandValidator;
import io.haven.cluster.state.Observation;
import io.haven.cluster.state.Operation;
import io.haven.cluster.state.ResourceDefinition;
import io.haven.cluster.state.Role;
import io.haven.config.model.NoQuorumPolicy;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node of a Haven cluster (Pacemaker's controller): joins the Raft group, keeps the replicated
 * state, and runs what the scheduler places here.
 * <p>
 * Every node plans for itself from the committed state and the committed clock, so all nodes reach
 * the same plan at the same revision without messages of their own; a node runs only its own
 * actions and reports each result as a command. The leader alone loads the configuration into the
 * state, turns membership into {@code NodeJoined}/{@code NodeLeft}, and moves the clock when a
 * failure is due to expire. A node without quorum stops everything it runs ({@code no-quorum-policy
 * stop}), keeps it ({@code freeze}) or goes on ({@code ignore}).
 * <p>
 * A lost node's resources are recovered elsewhere only once they cannot still run there: at once
 * when the node refused a connection (its Haven is gone), else after {@code lossDelay}, by which
 * a node cut off has stopped them (no quorum) or its leases have expired.
 */
public final class ClusterManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterManager.class);
    private static final long RETRY_MS = 200;
    private static final long APPLY_WAIT_MS = 5_000;

    private final String me;
    private final NoQuorumPolicy noQuorumPolicy;
    private final AgentFactory agents;
    private final ClusterStateMachine machine;
    private final ClusterNode raft;
    private final NodeLossJudge judge;
    private final Duration lossDelay;
    private final java.nio.file.Path leaveMarker;
    private final ResourceExecutor executor;
    private final Scheduler scheduler = new Scheduler();
    private final ScheduledExecutorService loop = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "haven-cluster");
        t.setDaemon(true);
        return t;
    });
    private final AtomicBoolean reactQueued = new AtomicBoolean();

    // loop thread only
    private ClusterDefinition definition;
    private final Map<String, ResourceAgent> agentsByResource = new HashMap<>();
    private final Map<String, ResourceDefinition> agentDefinitions = new HashMap<>();
    private final Set<String> inFlight = new HashSet<>();
    /** Resources whose last result is committed, with the report's time, until the local state shows it. */
    private final Map<String, Long> reported = new HashMap<>();
    private final Set<String> submitting = new HashSet<>();
    private final Map<String, ScheduledFuture<?>> pendingLoss = new HashMap<>();
    private ScheduledFuture<?> tick;
    private long tickAt = -1;
    private volatile boolean takingBack;
    /** This node left gracefully last time (in standby): it takes that standby back once it is in. */
    private volatile boolean leftInStandby;

    private volatile boolean leader;
    private volatile boolean quorum;
    private volatile Set<String> view = Set.of();
    private volatile boolean closed;

    public ClusterManager(ClusterSettings settings, ClusterDefinition definition, NoQuorumPolicy noQuorumPolicy,
                          AgentFactory agents, Duration lossDelay) {
        this(settings, definition, noQuorumPolicy, agents, lossDelay, TwoNodeArbiter.DENY);
    }

    /** {@code arbiter}: who decides, in two_node, whether this node runs alone when its peer went silent. */
    public ClusterManager(ClusterSettings settings, ClusterDefinition definition, NoQuorumPolicy noQuorumPolicy,
                          AgentFactory agents, Duration lossDelay, TwoNodeArbiter arbiter) {
        this.me = settings.nodeName();
        this.definition = definition;
        this.noQuorumPolicy = noQuorumPolicy;
        this.agents = agents;
        this.lossDelay = lossDelay;
        this.leaveMarker = settings.stateDir().resolve("left-in-standby");
        this.leftInStandby = java.nio.file.Files.exists(leaveMarker);
        this.machine = new ClusterStateMachine(s -> react());
        this.raft = new ClusterNode(settings, machine, arbiter);
        this.judge = new NodeLossJudge(settings);
        this.executor = new ResourceExecutor(this::monitored);
        raft.addListener(new ClusterListener() {
            @Override
            public void viewChanged(Set<String> up) {
                view = Set.copyOf(up);
                react();
            }

            @Override
            public void leaderChanged(Optional<String> l, boolean thisNodeLeads) {
                leader = thisNodeLeads;
                react();
            }

            @Override
            public void quorumChanged(boolean hasQuorum, String reason) {
                quorum = hasQuorum;
                LOG.warn("node {} {} quorum: {}", me, hasQuorum ? "has" : "lost", reason);
                react();
            }
        });
    }

    public ClusterManager start() throws Exception {
        raft.start();
        react();
        return this;
    }

    public String nodeName() {
        return me;
    }

    public ClusterState state() {
        return machine.state();
    }

    public ClusterStatus membership() {
        return raft.status();
    }

    /** The plan every node computes from the current state. */
    public Plan plan() {
        ClusterState s = machine.state();
        return scheduler.plan(s, s.clock());
    }

    /**
     * Validates an operator's command against the current state and commits it; the future fails
     * with the validation message, or when the cluster cannot commit (no quorum).
     */
    public CompletableFuture<Void> command(ClusterCommand command) {
        Optional<String> problem = CommandValidator.problem(machine.state(), command);
        if (problem.isPresent()) {
            return CompletableFuture.failedFuture(new IllegalArgumentException(problem.get()));
        }
        return raft.submit(machine.encode(command)).thenApply(r -> null);
    }

    /** A reloaded configuration: the leader loads it into the state. */
    public void configure(ClusterDefinition newDefinition) {
        loop.execute(() -> {
            definition = newDefinition;
            reactNow();
        });
    }

    // ---- reacting to changes ----

    private void react() {
        if (closed || !reactQueued.compareAndSet(false, true)) {
            return;
        }
        try {
            loop.execute(() -> {
                reactQueued.set(false);
                reactNow();
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            reactQueued.set(false);
        }
    }

    private void reactNow() {
        if (closed) {
            return;
        }
        try {
            ClusterState s = machine.state();
            if (!quorum && noQuorumPolicy != NoQuorumPolicy.IGNORE) {
                if (noQuorumPolicy == NoQuorumPolicy.STOP) {
                    stopEverythingHere(s);
                }
                return;
            }
            Plan plan = s.definition().nodes().isEmpty() ? null : scheduler.plan(s, s.clock()); // null: nothing loaded yet
            if (leader) {
                lead(s, plan);
            }
            takeBackLeaveStandby(s);
            if (plan == null) {
                return;
            }
            releaseReported(s);
            for (Action a : plan.actionsFor(me)) {
                issue(a, s);
            }
        } catch (RuntimeException e) {
            LOG.error("cluster manager on {} failed to react", me, e);
        }
    }

    /** The leader's duties: the configuration, membership, and the clock (from the plan every node computes). */
    private void lead(ClusterState s, Plan plan) {
        if (!definition.equals(s.definition())) {
            submitOnce("load-config", new ClusterCommand.LoadConfig(definition));
            return; // plan once the definition is in
        }
        Set<String> up = view;
        for (var node : s.nodes()) {
            String name = node.name();
            ScheduledFuture<?> loss = pendingLoss.get(name);
            if (loss != null && loss.isDone() && (!node.online() || !submitting.contains("left:" + name))) {
                pendingLoss.remove(name); // its NodeLeft is in the state, or failed and is judged again
            }
            if (up.contains(name)) {
                cancelLoss(name);
                if (!node.online()) {
                    submitOnce("joined:" + name, new ClusterCommand.NodeJoined(name));
                }
            } else if (node.online() && !pendingLoss.containsKey(name)) {
                judgeLoss(name);
            }
        }
        if (plan != null) {
            plan.recheck().ifPresent(this::tickAt);
        }
    }

    private void judgeLoss(String node) {
        pendingLoss.put(node, null);
        judge.gone(node).whenComplete((gone, err) -> loop.execute(() -> {
            if (!pendingLoss.containsKey(node)) {
                return; // came back meanwhile
            }
            long delay = Boolean.TRUE.equals(gone) ? 0 : lossDelay.toMillis();
            LOG.warn("node {} lost ({}); its resources are recovered {}", node,
                    Boolean.TRUE.equals(gone) ? "connection refused: its Haven is gone" : "unreachable or not answering",
                    delay == 0 ? "now" : "in " + delay + " ms, once it cannot run them any more");
            pendingLoss.put(node, loop.schedule(() -> {
                if (leader && !view.contains(node)) {
                    submitOnce("left:" + node, new ClusterCommand.NodeLeft(node));
                }
            }, delay, TimeUnit.MILLISECONDS));
        }));
    }

    private void cancelLoss(String node) {
        ScheduledFuture<?> f = pendingLoss.remove(node);
        if (f != null) {
            f.cancel(false);
        }
    }

    private void tickAt(long at) {
        if (tick != null && tickAt == at) {
            return;
        }
        if (tick != null) {
            tick.cancel(false);
        }
        tickAt = at;
        long delay = Math.max(0, at - System.currentTimeMillis());
        tick = loop.schedule(() -> {
            tick = null;
            if (leader) {
                submitOnce("tick", new ClusterCommand.Tick(Math.max(at, System.currentTimeMillis())));
            }
        }, delay, TimeUnit.MILLISECONDS);
    }

    /** Submits a command unless the same one is on its way; retried while this node leads. */
    private void submitOnce(String key, ClusterCommand command) {
        if (!submitting.add(key)) {
            return;
        }
        raft.submit(machine.encode(command)).whenComplete((r, err) -> loop.execute(() -> {
            submitting.remove(key);
            if (err != null) {
                LOG.debug("{} not committed yet: {}", key, err.toString());
                loop.schedule(this::react, RETRY_MS, TimeUnit.MILLISECONDS);
            }
        }));
    }

    // ---- running actions ----

    private void issue(Action a, ClusterState s) {
        String resource = a.resource();
        if (inFlight.contains(resource)) {
            return;
        }
        ResourceAgent agent = agentFor(resource, s);
        if (agent == null) {
            return;
        }
        ResourceDefinition def = agentDefinitions.get(resource);
        OpTimings timings = timings(def);
        inFlight.add(resource);
        LOG.info("node {}: {}", me, a);
        CompletableFuture<OpResult> done = switch (a.type()) {
            case START -> executor.start(resource, agent, timings);
            case STOP -> executor.stop(resource, agent, timings);
            case PROBE -> executor.probe(resource, agent, timings);
        };
        done.whenComplete((r, err) -> loop.execute(() -> {
            if (r == null) {
                inFlight.remove(resource);
                return;
            }
            report(r);
        }));
    }

    /** Commits an operation's result, then lets the resource take its next action. */
    private void report(OpResult r) {
        long at = System.currentTimeMillis();
        ClusterCommand record = new ClusterCommand.RecordOperation(me, r.resource(), r.op(), r.status(), at, r.message());
        raft.submit(machine.encode(record)).whenComplete((ok, err) -> loop.execute(() -> {
            if (err == null || closed) {
                // committed, but this node may apply it a little later: the resource's next action
                // waits until the local state shows this report (releaseReported)
                reported.put(r.resource(), at);
                reactNow();
            } else if (quorum) {
                loop.schedule(() -> report(r), RETRY_MS, TimeUnit.MILLISECONDS);
            } else {
                inFlight.remove(r.resource()); // reported again by a probe once quorum is back
            }
        }));
    }

    /**
     * A resource whose result is committed takes its next action once the local state includes that
     * result (the report's own time is in the observation), or after {@value #APPLY_WAIT_MS} ms when a
     * report was ignored (this node was held offline meanwhile).
     */
    private void releaseReported(ClusterState s) {
        long now = System.currentTimeMillis();
        reported.entrySet().removeIf(e -> {
            long seen = s.observation(me, e.getKey()).map(Observation::at).orElse(-1L);
            boolean applied = seen >= e.getValue() || now - e.getValue() > APPLY_WAIT_MS;
            if (applied) {
                inFlight.remove(e.getKey());
            }
            return applied;
        });
        if (!reported.isEmpty()) {
            loop.schedule(this::react, RETRY_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** A recurring monitor's result: committed only when it changes what the state says. */
    private void monitored(OpResult r) {
        if (r.op() != Operation.MONITOR || r.ok()) {
            return;
        }
        loop.execute(() -> {
            Optional<Observation> seen = machine.state().observation(me, r.resource());
            if (seen.isPresent() && seen.get().role() == Role.STARTED && quorum) {
                LOG.warn("node {}: {} found {}: {}", me, r.resource(), r.status(), r.message());
                report(r);
            }
        });
    }

    private void stopEverythingHere(ClusterState s) {
        for (String resource : runningHere()) {
            if (inFlight.contains(resource)) {
                continue;
            }
            ResourceAgent agent = agentFor(resource, s);
            if (agent == null) {
                continue;
            }
            inFlight.add(resource);
            LOG.warn("node {} without quorum stops {}", me, resource);
            executor.stop(resource, agent, timings(agentDefinitions.get(resource)))
                    .whenComplete((r, err) -> loop.execute(() -> inFlight.remove(resource)));
        }
    }

    /** The agent for a resource, built once per definition; a resource gone from the configuration keeps its last one. */
    private ResourceAgent agentFor(String resource, ClusterState s) {
        Optional<ResourceDefinition> def = s.definition().resource(resource);
        if (def.isPresent() && !def.get().equals(agentDefinitions.get(resource))) {
            try {
                agentsByResource.put(resource, agents.create(def.get()));
                agentDefinitions.put(resource, def.get());
            } catch (RuntimeException e) {
                LOG.error("resource {}: {}", resource, e.getMessage());
                return null;
            }
        }
        return agentsByResource.get(resource);
    }

    private static OpTimings timings(ResourceDefinition d) {
        if (d == null) {
            return OpTimings.DEFAULTS;
        }
        return new OpTimings(Duration.ofMillis(d.start().timeoutMs()), Duration.ofMillis(d.stop().timeoutMs()),
                Duration.ofMillis(d.monitor().intervalMs()), Duration.ofMillis(d.monitor().timeoutMs()));
    }

    // ---- leaving ----

    /**
     * Graceful leave: puts this node in standby so the scheduler moves its resources to the others
     * (each stop here is committed before the start there), waits up to {@code max} until nothing
     * runs here, then leaves the group. The standby is this leave's own: the node takes it back
     * when it joins again (a marker in its state directory says so).
     */
    public void leave(Duration max) {
        if (closed) {
            return;
        }
        long deadline = System.nanoTime() + max.toNanos();
        if (quorum && !machine.state().definition().nodes().isEmpty()) {
            try {
                java.nio.file.Files.writeString(leaveMarker, me + "\n");
                Set<String> handed = new HashSet<>(runningHere());
                raft.submit(machine.encode(new ClusterCommand.SetStandby(me, true))).get(max.toMillis(), TimeUnit.MILLISECONDS);
                // stay until what ran here runs elsewhere (or can run nowhere): leaving earlier, a
                // leader would make the others elect a new one before they may start anything
                while (System.nanoTime() < deadline && !(runningHere().isEmpty() && handedOver(handed))) {
                    Thread.sleep(10);
                }
            } catch (Exception e) {
                LOG.warn("node {} leaves without handing over: {}", me, e.toString());
            }
        }
        close();
    }

    private Set<String> runningHere() {
        Set<String> here = new HashSet<>(executor.monitored());
        machine.state().observed().getOrDefault(me, Map.of()).forEach((rsc, o) -> {
            if (o.role() != Role.STOPPED) {
                here.add(rsc);
            }
        });
        return here;
    }

    /** Whether each resource runs on another node now, or the plan has nowhere for it. */
    private boolean handedOver(Set<String> resources) {
        ClusterState s = machine.state();
        Plan plan = scheduler.plan(s, s.clock());
        for (String r : resources) {
            Optional<String> target = plan.nodeOf(r);
            if (target.isPresent() && !target.get().equals(me)
                    && s.observation(target.get(), r).map(o -> o.role() != Role.STARTED).orElse(true)) {
                return false;
            }
        }
        return true;
    }


    /** After a graceful leave, the standby it set is taken back once this node is in again. */
    private void takeBackLeaveStandby(ClusterState s) {
        if (!leftInStandby) {
            return;
        }
        boolean standby = s.node(me).map(n -> n.standby() && n.online()).orElse(false);
        if (!standby || takingBack) {
            return;
        }
        takingBack = true;
        raft.submit(machine.encode(new ClusterCommand.SetStandby(me, false))).whenComplete((r, err) -> {
            takingBack = false;
            if (err == null) {
                leftInStandby = false;
                try {
                    java.nio.file.Files.deleteIfExists(leaveMarker);
                } catch (java.io.IOException e) {
                    LOG.warn("cannot remove {}: {}", leaveMarker, e.getMessage());
                }
            }
        });
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        executor.close();
        loop.shutdownNow();
        raft.close();
    }

    /** Leaves abruptly, as a crash would (tests and {@code hard-stop-after}). */
    public void halt() {
        closed = true;
        executor.close();
        loop.shutdownNow();
        raft.halt();
    }
}
