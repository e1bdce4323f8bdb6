package io.haven.check;

import io.haven.core.server.CheckResult;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The schedule of one check of one server, pinned to one event loop: run, deliver the result,
 * wait the interval the server asks for, run again. A run starts only after the previous one
 * reported, so a check never overlaps itself. While the check is disabled it does not run but
 * keeps its schedule, so enabling it takes effect at the next tick.
 */
final class CheckTask {
    private static final Logger LOG = LoggerFactory.getLogger(CheckTask.class);

    private final CheckTarget target;
    private final Probe probe;
    private final BooleanSupplier enabled;
    private final LongSupplier interval;
    private final Consumer<CheckResult> sink;
    private volatile boolean cancelled;
    // confined to the event loop
    private ScheduledFuture<?> timer;
    private CheckRun running;

    /**
     * @param enabled whether to run at a tick ({@code checkEnabled()} or {@code agentEnabled()})
     * @param interval the wait after a result, read when the result arrives
     * @param sink receives every result, on the event loop
     */
    CheckTask(CheckTarget target, Probe probe, BooleanSupplier enabled, LongSupplier interval,
              Consumer<CheckResult> sink) {
        this.target = target;
        this.probe = probe;
        this.enabled = enabled;
        this.interval = interval;
        this.sink = sink;
    }

    void start(long initialDelayMillis) {
        onLoop(() -> schedule(initialDelayMillis));
    }

    /** Stops scheduling and abandons a run in progress without reporting it. */
    void cancel() {
        cancelled = true;
        onLoop(() -> {
            if (timer != null) {
                timer.cancel(false);
                timer = null;
            }
            if (running != null) {
                running.abort();
                running = null;
            }
        });
    }

    private void schedule(long delayMillis) {
        if (!cancelled) {
            timer = target.loop().schedule(this::tick, Math.max(0, delayMillis), TimeUnit.MILLISECONDS);
        }
    }

    private void tick() {
        timer = null;
        if (cancelled) {
            return;
        }
        if (!enabled.getAsBoolean()) {
            schedule(interval.getAsLong());
            return;
        }
        CheckRun run = probe.newRun(target);
        running = run;
        try {
            run.start(result -> {
                if (running != run || cancelled) {
                    return;
                }
                running = null;
                try {
                    sink.accept(result);
                } finally {
                    schedule(interval.getAsLong());
                }
            });
        } catch (RuntimeException e) {
            // a bug must not end the schedule: report it once per run and try again later
            LOG.warn("check of {} failed to run", target.server().fullName(), e);
            run.abort();
            running = null;
            schedule(interval.getAsLong());
        }
    }

    private void onLoop(Runnable r) {
        try {
            target.loop().execute(r);
        } catch (RejectedExecutionException shuttingDown) {
            // the event loop is gone, and with it every timer and connection of this task
        }
    }
}
