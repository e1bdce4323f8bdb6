package io.haven.cluster.raft;

import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.stack.Protocol;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A pass-through protocol that remembers when the failure detector below it suspected each member.
 * One sits above FD_SOCK2 (suspicions from closed sockets: a crashed process) and one above FD_ALL3
 * (all suspicions, heartbeat loss included), so the quorum rule can tell a crash from a hang.
 */
final class SuspicionTap extends Protocol {
    private final Map<Address, Long> suspectedAt = new ConcurrentHashMap<>();

    @Override
    public Object up(Event evt) {
        if (evt.getType() == Event.SUSPECT) {
            Collection<Address> suspects = evt.getArg();
            long now = System.nanoTime();
            for (Address a : suspects) {
                suspectedAt.put(a, now);
            }
        }
        return up_prot.up(evt);
    }

    /** Whether {@code member} was suspected within the last {@code windowNanos}. */
    boolean suspectedWithin(Address member, long windowNanos) {
        Long at = suspectedAt.get(member);
        return at != null && System.nanoTime() - at <= windowNanos;
    }

    void forget(Address member) {
        suspectedAt.remove(member);
    }
}
