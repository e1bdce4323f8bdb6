package io.haven.cluster.exec;

import io.haven.cluster.agent.AgentResult;
import io.haven.cluster.agent.OcfStatus;
import io.haven.cluster.agent.ResourceAgent;
import io.haven.cluster.state.Operation;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's executor (Pacemaker's local resource manager): runs start, stop and probe on the
 * resources the manager asks for, and a recurring monitor on each resource it started. Operations
 * on one resource run one at a time, in the order asked; different resources run in parallel.
 * Every operation is bounded by its timeout (the agent call is interrupted and the result is
 * {@link OcfStatus#TIMEOUT}); an agent that throws is reported as a generic error and never
 * affects another resource. Results go to the listener and to the future each call returns.
 */
public final class ResourceExecutor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ResourceExecutor.class);

    private final OpListener listener;
    private final ExecutorService workers = Executors.newCachedThreadPool(daemon("haven-rsc-op"));
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(daemon("haven-rsc-timer"));
    private final Map<String, ResourceLane> lanes = new ConcurrentHashMap<>();
    private volatile boolean closed;

    public ResourceExecutor(OpListener listener) {
        this.listener = listener;
    }

    /** Starts the resource here; once started, monitors it every {@code monitorInterval} until stopped or failed. */
    public CompletableFuture<OpResult> start(String resource, ResourceAgent agent, OpTimings timings) {
        return lane(resource).submit(Operation.START, agent, timings);
    }

    /** Stops the recurring monitor, then stops the resource here. */
    public CompletableFuture<OpResult> stop(String resource, ResourceAgent agent, OpTimings timings) {
        return lane(resource).submit(Operation.STOP, agent, timings);
    }

    /** One monitor to learn whether the resource runs here (at startup, and after a cleanup). */
    public CompletableFuture<OpResult> probe(String resource, ResourceAgent agent, OpTimings timings) {
        return lane(resource).submit(Operation.PROBE, agent, timings);
    }

    /** Whether a recurring monitor runs for the resource (it was started and has not failed or stopped). */
    public boolean monitoring(String resource) {
        ResourceLane lane = lanes.get(resource);
        return lane != null && lane.monitoring();
    }

    /** The resources with a recurring monitor. */
    public Set<String> monitored() {
        return lanes.values().stream().filter(ResourceLane::monitoring).map(ResourceLane::resource)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    private ResourceLane lane(String resource) {
        if (closed) {
            throw new IllegalStateException("executor closed");
        }
        return lanes.computeIfAbsent(resource, r -> new ResourceLane(r, workers, timers, this::report));
    }

    private void report(OpResult result) {
        if (!result.ok() && !(result.op() != Operation.STOP && result.status() == OcfStatus.NOT_RUNNING)) {
            LOG.warn("resource {}", result);
        } else {
            LOG.debug("resource {}", result);
        }
        try {
            listener.completed(result);
        } catch (RuntimeException e) {
            LOG.error("operation listener failed on {}", result, e);
        }
    }

    /** Calls the agent for one operation; exceptions become results, never escape. */
    static AgentResult invoke(ResourceAgent agent, Operation op, Duration timeout) throws InterruptedException {
        try {
            AgentResult r = switch (op) {
                case START -> agent.start(timeout);
                case STOP -> agent.stop(timeout);
                case MONITOR, PROBE -> agent.monitor(timeout);
            };
            return r != null ? r : AgentResult.error("agent returned no result");
        } catch (InterruptedException e) {
            throw e;
        } catch (RuntimeException e) {
            return AgentResult.error("agent failed: " + e);
        }
    }

    @Override
    public void close() {
        closed = true;
        lanes.values().forEach(ResourceLane::cancelMonitor);
        timers.shutdownNow();
        workers.shutdownNow();
    }

    static ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
