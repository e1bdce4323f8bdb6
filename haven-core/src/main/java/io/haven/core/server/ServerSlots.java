package io.haven.core.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A server's connection slots ({@code maxconn}, counted in {@link ServerCounters#current}) and
 * the sessions it carries, which {@code shutdown-sessions} and drain deadlines close. Lock-free:
 * the event loops take and give back slots concurrently.
 */
public final class ServerSlots {
    private final Server server;
    private final int maxconn;
    private final ServerCounters counters;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

    ServerSlots(Server server, int maxconn, ServerCounters counters) {
        this.server = server;
        this.maxconn = maxconn;
        this.counters = counters;
    }

    /** Takes a connection slot unless the server is at its maxconn. */
    public boolean tryAcquire() {
        while (true) {
            int c = counters.current.get();
            if (maxconn > 0 && c >= maxconn) {
                return false;
            }
            if (counters.current.compareAndSet(c, c + 1)) {
                counters.noteMax(c + 1);
                return true;
            }
        }
    }

    /** Gives a slot back and lets the backend hand it to a queued connection. */
    public void release() {
        counters.current.decrementAndGet();
        server.backend().slotFreed(server);
    }

    /** Gives back a slot that was taken but never used, without dequeuing. */
    public void releaseUnused() {
        counters.current.decrementAndGet();
    }

    public boolean hasFree() {
        return maxconn == 0 || counters.current.get() < maxconn;
    }

    public void attach(Session s) {
        sessions.add(s);
    }

    public void detach(Session s) {
        sessions.remove(s);
    }

    public int sessionCount() {
        return sessions.size();
    }

    /** Closes every connection to this server; returns how many. */
    public int shutdownSessions(String reason) {
        List<Session> all = new ArrayList<>(sessions);
        for (Session s : all) {
            s.shutdown(reason);
        }
        return all.size();
    }
}
