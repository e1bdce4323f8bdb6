package io.haven.it.figures;

import static org.awaitility.Awaitility.await;

import io.haven.it.support.ReplicaSet;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The scenarios of issue 3's figures, run against one proxy while a {@link ReadClient} reads
 * through it. Each returns a {@link Phase}: its time window and how to turn the client's reads in
 * that window into figures. The proxy's {@code show stat} (polled every 50 ms) only paces a
 * scenario: a replica is restored once the proxy has shown it out for a second, whatever the
 * proxy's check interval, and the next scenario starts once every replica is fresh and fully up,
 * after a random wait that puts the injection at a random point of the proxy's check period.
 */
final class Scenarios {
    static final long THRESHOLD_MICROS = 1_000_000;
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration HOLD = Duration.ofSeconds(1);
    private static final Duration LEAVE_WITHIN = Duration.ofSeconds(30);
    private static final Duration RETURN_WITHIN = Duration.ofSeconds(90);
    private static final Duration SETTLE_WITHIN = Duration.ofSeconds(120);

    private final ReplicaSet set;
    private final ProxyUnderTest proxy;
    private final Consumer<String> log;
    private final Random random;
    /** The random wait of the last {@link #settle()}, for the notes. */
    private long offsetMillis;

    Scenarios(ReplicaSet set, ProxyUnderTest proxy, Consumer<String> log, Random random) {
        this.set = set;
        this.proxy = proxy;
        this.log = log;
        this.random = random;
    }

    /**
     * Figures a and b: lag injected into replica {@code v} and kept until the proxy has shown it
     * out for a second and the true lag has reached 2 s (or for at most 30 s if the proxy never
     * shows it out), then removed.
     */
    Phase lagEvent(int v, LagInjection how) throws Exception {
        long start = settle();
        long frozen;
        long outAt;
        long restoreAt;
        try (Connection session = set.connectReplica(v)) {
            frozen = how.inject(session);
            outAt = awaitTime("r" + v + " out after " + how.label(), LEAVE_WITHIN, () -> !proxy.serving(v));
            if (outAt > 0) {
                // out for a second, and the true lag well past the threshold (>= 2 s), whichever is later
                long untilMicros = Math.max(WallClock.micros() + HOLD.toNanos() / 1000, frozen + 2 * THRESHOLD_MICROS);
                hold("r" + v + " stays out", Duration.ofNanos((untilMicros - WallClock.micros()) * 1000),
                        () -> !proxy.serving(v));
            }
            restoreAt = WallClock.micros();
            how.restore(session);
        }
        awaitTime("r" + v + " back", RETURN_WITHIN, () -> proxy.serving(v));
        hold("all three serve", proxy::allServing);
        long end = WallClock.micros();
        long crossing = frozen + THRESHOLD_MICROS;
        long offset = offsetMillis;
        int id = set.serverId(v);
        boolean stop = how == LagInjection.STOP_SQL;
        return new Phase("event-" + how.label(), v, start, end, reads -> {
            OptionalLong last = reads.stream().filter(r -> r.ok() && r.serverId() == id && r.startMicros() < restoreAt)
                    .mapToLong(Read::startMicros).max();
            long stale = reads.stream().filter(r -> r.staleOver(THRESHOLD_MICROS)).count();
            long staleFromIt = reads.stream().filter(r -> r.serverId() == id && r.staleOver(THRESHOLD_MICROS)).count();
            long failed = reads.stream().filter(r -> !r.ok()).count();
            double a = last.isPresent() ? (last.getAsLong() - crossing) / 1e6 : Double.NaN;
            double out = outAt > 0 ? (outAt - crossing) / 1e6 : Double.NaN;
            String note = String.format(Locale.ROOT, "r%d (server id %d, phase offset %d ms): last conn to it at %+.3f s,"
                    + " shown out at %s, restored at %+.3f s (peak lag %.3f s); %d stale (%d from r%d), %d failed, %d reads",
                    v, id, offset, a, outAt > 0 ? String.format(Locale.ROOT, "%+.3f s", out) : "never (within 30 s)",
                    (restoreAt - crossing) / 1e6, (restoreAt - frozen) / 1e6, stale, staleFromIt, v, failed, reads.size());
            return List.of(new Measure(stop ? Figure.A_STOP_SQL : Figure.A_LOCK, a, note),
                    new Measure(stop ? Figure.OUT_STOP_SQL : Figure.OUT_LOCK, out, ""),
                    new Measure(stop ? Figure.B_STOP_SQL : Figure.B_LOCK, stale, ""),
                    new Measure(Figure.LAG_FAILED, failed, ""));
        });
    }

    /**
     * Figure c: replica {@code v} lags for {@code lagFor}, then is fresh for {@code freshFor}, over
     * and over for {@code total}; with 1.5 s of lag its heartbeat lag passes 1 s in every cycle.
     */
    Phase flapping(int v, LagInjection how, Duration total, Duration lagFor, Duration freshFor) throws Exception {
        long start = settle();
        long cycle = lagFor.plus(freshFor).toMillis();
        int cycles = (int) Math.max(1, (total.toMillis() + cycle - 1) / cycle);
        List<long[]> marks = java.util.Collections.synchronizedList(new ArrayList<>()); // {frozen ts, restored at}
        AtomicBoolean done = new AtomicBoolean();
        AtomicReference<Exception> failure = new AtomicReference<>();
        ScheduledExecutorService toggler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "lag-toggler");
            t.setDaemon(true);
            return t;
        });
        long windowStart;
        try (Connection session = set.connectReplica(v)) {
            windowStart = WallClock.micros();
            for (int k = 0; k < cycles; k++) {
                toggler.schedule(() -> step(failure, () -> marks.add(new long[] {how.inject(session), 0})),
                        k * cycle, TimeUnit.MILLISECONDS);
                toggler.schedule(() -> step(failure, () -> {
                    how.restore(session);
                    marks.get(marks.size() - 1)[1] = WallClock.micros();
                    return null;
                }), k * cycle + lagFor.toMillis(), TimeUnit.MILLISECONDS);
            }
            toggler.schedule(() -> done.set(true), cycles * cycle, TimeUnit.MILLISECONDS);
            await("flapping for " + cycles + " cycles").atMost(Duration.ofMillis(cycles * cycle).plusSeconds(60))
                    .pollInterval(POLL).until(done::get);
        } finally {
            toggler.shutdownNow();
            toggler.awaitTermination(30, TimeUnit.SECONDS);
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        // the share is taken over the toggling itself plus 1 s, not over the settling and random
        // wait before it, whose length differs between runs and proxies
        long windowEnd = WallClock.micros() + HOLD.toNanos() / 1000;
        awaitTime("r" + v + " back", RETURN_WITHIN, () -> proxy.serving(v));
        hold("all three serve", proxy::allServing);
        long end = WallClock.micros();
        int id = set.serverId(v);
        long offset = offsetMillis;
        long over = marks.stream().filter(m -> m[1] - m[0] > THRESHOLD_MICROS).count();
        boolean stop = how == LagInjection.STOP_SQL;
        return new Phase("flapping-" + how.label(), v, start, end, all -> {
            List<Read> reads = all.stream()
                    .filter(r -> r.startMicros() >= windowStart && r.startMicros() < windowEnd).toList();
            long staleOutside = all.stream().filter(r -> r.staleOver(THRESHOLD_MICROS)).count()
                    - reads.stream().filter(r -> r.staleOver(THRESHOLD_MICROS)).count();
            long served = reads.stream().filter(Read::ok).count();
            long stale = reads.stream().filter(r -> r.staleOver(THRESHOLD_MICROS)).count();
            long fromIt = reads.stream().filter(r -> r.ok() && r.serverId() == id).count();
            long staleFromIt = reads.stream().filter(r -> r.serverId() == id && r.staleOver(THRESHOLD_MICROS)).count();
            long failed = all.stream().filter(r -> !r.ok()).count();
            String note = String.format(Locale.ROOT, "r%d (phase offset %d ms): %d cycles of %d ms lag + %d ms fresh, lag passed 1 s in %d;"
                    + " in the toggling + 1 s: %d stale of %d served (%d stale of %d from r%d); %d stale outside it; %d failed",
                    v, offset, cycles, lagFor.toMillis(), freshFor.toMillis(), over, stale, served, staleFromIt, fromIt, v,
                    staleOutside, failed);
            return List.of(new Measure(stop ? Figure.C_STOP_SQL_ALL : Figure.C_LOCK_ALL, percent(stale, served), note),
                    new Measure(stop ? Figure.C_STOP_SQL_REPLICA : Figure.C_LOCK_REPLICA, percent(staleFromIt, fromIt), ""),
                    new Measure(Figure.LAG_FAILED, failed, ""));
        });
    }

    /** Figure d: replica {@code v}'s mariadbd gets SIGKILL; once the proxy shows it down for a second it is restarted. */
    Phase killAndRestart(int v) throws Exception {
        long start = settle();
        long killedAt = WallClock.micros();
        set.kill(v);
        long downAt = awaitTime("r" + v + " down after SIGKILL", LEAVE_WITHIN, () -> !proxy.serving(v));
        if (downAt > 0) {
            hold("r" + v + " stays down", () -> !proxy.serving(v));
        }
        long restartAt = WallClock.micros();
        set.restart(v);
        long backAt = awaitTime("r" + v + " back after restart", RETURN_WITHIN, () -> proxy.serving(v));
        hold("all three serve", proxy::allServing);
        long end = WallClock.micros();
        long offset = offsetMillis;
        return new Phase("kill", v, start, end, reads -> {
            long failed = reads.stream().filter(r -> !r.ok()).count();
            long stale = reads.stream().filter(r -> r.staleOver(THRESHOLD_MICROS)).count();
            Map<String, Integer> kinds = new TreeMap<>();
            reads.stream().filter(r -> !r.ok()).forEach(r -> kinds.merge(r.error().length() > 90
                    ? r.error().substring(0, 90) : r.error(), 1, Integer::sum));
            long slowest = reads.stream().filter(Read::ok).mapToLong(r -> r.endMicros() - r.startMicros()).max().orElse(0);
            long slow = reads.stream().filter(r -> r.ok() && r.endMicros() - r.startMicros() > 500_000).count();
            String note = String.format(Locale.ROOT, "r%d (phase offset %d ms): shown down %s after SIGKILL, restarted at +%.3f s, serving again at %s;"
                    + " %d failed of %d reads, %d stale; successful reads slower than 0.5 s: %d (slowest %.3f s)%s",
                    v, offset, downAt > 0 ? String.format(Locale.ROOT, "%.3f s", (downAt - killedAt) / 1e6) : "never (within 30 s)",
                    (restartAt - killedAt) / 1e6,
                    backAt > 0 ? String.format(Locale.ROOT, "+%.3f s", (backAt - killedAt) / 1e6) : "never",
                    failed, reads.size(), stale, slow, slowest / 1e6, kinds.isEmpty() ? "" : "; errors: " + kinds);
            return List.of(new Measure(Figure.D_FAILED, failed, note),
                    new Measure(Figure.D_OUT, downAt > 0 ? (downAt - killedAt) / 1e6 : Double.NaN, ""),
                    new Measure(Figure.D_STALE, stale, ""));
        });
    }

    // ---------------------------------------------------------------- waiting

    /**
     * Waits until every replica is less than 0.5 s behind and shown plain "UP" by the proxy (full
     * health: not "UP 1/2", where HAProxy with {@code fall 2} would take it out at the next failed
     * check), then for one second in which all three stay served. Returns when that second began.
     */
    long settle() {
        await("replicas fresh and fully up").atMost(SETTLE_WITHIN).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> {
                    for (int i = 1; i <= set.replicaCount(); i++) {
                        if (!proxy.status(i).equals("UP") || set.lagSeconds(i) >= 0.5) {
                            return false;
                        }
                    }
                    return true;
                });
        long from = WallClock.micros();
        hold("all three serve", proxy::allServing);
        // Settling ends just after a check brought the last replica to full health, so without this
        // every scenario would start at the same point of the proxy's check period and the figures
        // would measure that one phase (HAProxy with inter 5000 then looked the same in every run).
        offsetMillis = (long) (random.nextDouble() * proxy.checkInterval().toMillis());
        if (offsetMillis > 0) {
            hold("all three serve (random check phase)", Duration.ofMillis(offsetMillis), proxy::allServing);
        }
        return from;
    }

    /** Waits (bounded) for {@code condition}; returns when it was seen true, or -1 (logged) if it never was. */
    private long awaitTime(String what, Duration within, Callable<Boolean> condition) {
        try {
            await(what).atMost(within).pollInterval(POLL).ignoreExceptions().until(condition);
            return WallClock.micros();
        } catch (ConditionTimeoutException e) {
            log.accept("  no " + what + " within " + within.toSeconds() + " s");
            return -1;
        }
    }

    /** Waits (bounded) until {@code condition} has held for {@link #HOLD} without a break; logs if it never did. */
    private void hold(String what, Callable<Boolean> condition) {
        hold(what, HOLD, condition);
    }

    private void hold(String what, Duration during, Callable<Boolean> condition) {
        try {
            await(what).during(during).atMost(during.plusSeconds(30)).pollInterval(POLL).ignoreExceptions()
                    .until(condition);
        } catch (ConditionTimeoutException e) {
            log.accept("  '" + what + "' did not hold for " + during.toMillis() + " ms within 30 s");
        }
    }

    /** A step of the lag toggler; the first failure is kept and stops nothing else (the scenario then fails). */
    private static void step(AtomicReference<Exception> failure, Callable<?> action) {
        try {
            action.call();
        } catch (Exception e) {
            failure.compareAndSet(null, e);
        }
    }

    private static double percent(long part, long whole) {
        return whole == 0 ? Double.NaN : 100.0 * part / whole;
    }
}
