package io.haven.it.support;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Clients that connect to a port of 127.0.0.1 one connection after the other, each reading the
 * name a {@link NamedServers} server answers, and count what they got. A connection refused is
 * counted apart ({@link #refused()}); one accepted and then reset, timed out or answered with
 * nothing is a failure. Bounded: the clients stop at
 * {@link #close()}, after {@code maxDuration}, or after {@code maxPerClient} connections each.
 */
public final class ConnectionLoad implements AutoCloseable {
    private static final int FAILURES_KEPT = 10;

    private final int port;
    private final long deadline;
    private final int maxPerClient;
    private final AtomicBoolean done = new AtomicBoolean();
    private final AtomicInteger successes = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final List<String> failureSamples = new CopyOnWriteArrayList<>();
    private final ConcurrentMap<String, AtomicInteger> byName = new ConcurrentHashMap<>();
    private final List<Thread> clients = new ArrayList<>();

    public ConnectionLoad(int port, int clientCount, Duration maxDuration, int maxPerClient) {
        this.port = port;
        this.deadline = System.nanoTime() + maxDuration.toNanos();
        this.maxPerClient = maxPerClient;
        for (int i = 0; i < clientCount; i++) {
            Thread t = new Thread(this::run, "load-client-" + i);
            t.setDaemon(true);
            clients.add(t);
            t.start();
        }
    }

    private void run() {
        for (int i = 0; i < maxPerClient && !done.get() && System.nanoTime() < deadline; i++) {
            try {
                String name = Net.exchange(port, null).strip();
                if (name.isEmpty()) {
                    fail("empty reply");
                } else {
                    successes.incrementAndGet();
                    byName.computeIfAbsent(name, n -> new AtomicInteger()).incrementAndGet();
                }
            } catch (ConnectException e) {
                refused.incrementAndGet();
            } catch (IOException e) {
                fail(e.toString());
            }
        }
    }

    private void fail(String why) {
        failures.incrementAndGet();
        if (failureSamples.size() < FAILURES_KEPT) {
            failureSamples.add(why);
        }
    }

    public int successes() {
        return successes.get();
    }

    public int failures() {
        return failures.get();
    }

    /** Connections refused: nothing listened on the port. */
    public int refused() {
        return refused.get();
    }

    /** The first failures, for the assertion message. */
    public List<String> failureSamples() {
        return List.copyOf(failureSamples);
    }

    /** Connections answered by the server of that name. */
    public int answeredBy(String name) {
        AtomicInteger n = byName.get(name);
        return n == null ? 0 : n.get();
    }

    /** Whether some client is still running (false once every one hit a bound). */
    public boolean running() {
        return clients.stream().anyMatch(Thread::isAlive);
    }

    /** Stops the clients and waits (bounded) for the connections in flight to finish. */
    @Override
    public void close() throws InterruptedException {
        done.set(true);
        for (Thread t : clients) {
            t.join(15_000);
            if (t.isAlive()) {
                throw new IllegalStateException(t.getName() + " did not stop within 15 s");
            }
        }
    }
}
