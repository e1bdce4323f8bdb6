package io.haven.cluster.exec;

import io.haven.cluster.agent.AgentResult;
import io.haven.cluster.agent.OcfStatus;
import io.haven.cluster.agent.ResourceAgent;
import io.haven.cluster.state.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The operations of one resource, run one at a time in order on the shared workers, and its
 * recurring monitor. A monitor that finds the resource not running (or fails) ends the recurring
 * monitor: recovery is the manager's decision.
 */
final class ResourceLane {
    /** How long past its timeout an interrupted agent call may take to return before the lane moves on. */
    private static final long GRACE_MS = 2_000;

    private final String resource;
    private final ExecutorService workers;
    private final ScheduledExecutorService timers;
    private final Consumer<OpResult> report;
    private final ArrayDeque<Runnable> queue = new ArrayDeque<>();
    private boolean draining;
    private ScheduledFuture<?> monitor;
    private boolean monitorQueued;

    ResourceLane(String resource, ExecutorService workers, ScheduledExecutorService timers, Consumer<OpResult> report) {
        this.resource = resource;
        this.workers = workers;
        this.timers = timers;
        this.report = report;
    }

    String resource() {
        return resource;
    }

    synchronized boolean monitoring() {
        return monitor != null;
    }

    CompletableFuture<OpResult> submit(Operation op, ResourceAgent agent, OpTimings timings) {
        CompletableFuture<OpResult> done = new CompletableFuture<>();
        if (op == Operation.STOP) {
            cancelMonitor(); // no monitor may run between the decision to stop and the stop
        }
        enqueue(() -> done.complete(run(op, agent, timings)));
        return done;
    }

    private void enqueue(Runnable task) {
        synchronized (this) {
            queue.add(task);
            if (draining) {
                return;
            }
            draining = true;
        }
        try {
            workers.execute(this::drain);
        } catch (RejectedExecutionException e) {
            synchronized (this) {
                draining = false;
                queue.clear();
            }
        }
    }

    private void drain() {
        while (true) {
            Runnable next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
            }
            next.run();
        }
    }

    private OpResult run(Operation op, ResourceAgent agent, OpTimings timings) {
        Duration timeout = timings.timeout(op);
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        AgentResult r;
        Future<AgentResult> call = null;
        try {
            call = workers.submit(() -> ResourceExecutor.invoke(agent, op, timeout));
            r = call.get(timeout.toMillis() + GRACE_MS, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            call.cancel(true);
            r = new AgentResult(OcfStatus.TIMEOUT, op.name().toLowerCase(Locale.ROOT) + " did not finish within "
                    + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            r = AgentResult.error("agent failed: " + e.getCause());
        } catch (InterruptedException e) {
            if (call != null) {
                call.cancel(true);
            }
            Thread.currentThread().interrupt();
            r = AgentResult.error("executor stopped");
        } catch (RejectedExecutionException e) {
            r = AgentResult.error("executor stopped");
        }
        OpResult result = new OpResult(resource, op, r.status(), r.message(), started,
                Duration.ofNanos(System.nanoTime() - t0));
        afterwards(result, agent, timings);
        report.accept(result);
        return result;
    }

    /** A started resource gets its recurring monitor; a failed monitor ends it. */
    private synchronized void afterwards(OpResult result, ResourceAgent agent, OpTimings timings) {
        switch (result.op()) {
            case START -> {
                if (result.ok() && monitor == null && !timings.monitorInterval().isZero()) {
                    long every = timings.monitorInterval().toMillis();
                    try {
                        monitor = timers.scheduleWithFixedDelay(() -> queueMonitor(agent, timings), every, every,
                                TimeUnit.MILLISECONDS);
                    } catch (RejectedExecutionException e) {
                        monitor = null;
                    }
                }
            }
            case MONITOR -> {
                monitorQueued = false;
                if (!result.ok()) {
                    cancelMonitor();
                }
            }
            default -> {
            }
        }
    }

    private void queueMonitor(ResourceAgent agent, OpTimings timings) {
        synchronized (this) {
            if (monitor == null || monitorQueued) {
                return; // stopped meanwhile, or the previous monitor has not run yet
            }
            monitorQueued = true;
        }
        enqueue(() -> {
            synchronized (this) {
                if (monitor == null) {
                    monitorQueued = false;
                    return; // a stop came first
                }
            }
            run(Operation.MONITOR, agent, timings);
        });
    }

    synchronized void cancelMonitor() {
        if (monitor != null) {
            monitor.cancel(false);
            monitor = null;
        }
    }
}
