package io.haven.cluster.raft;

import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.Message;
import org.jgroups.stack.Protocol;
import org.jgroups.util.MessageBatch;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A pass-through protocol that remembers when the failure detector below it suspected each member,
 * and when it last heard from each member. One sits right above FD_SOCK2 (below FD_ALL3, so it also
 * sees heartbeats): its suspicions come from closed sockets. One sits above FD_ALL3 and sees every
 * suspicion, heartbeat loss included. Together they let the quorum rule tell a crash (socket closed
 * while the peer was still heard) from a hang or a cut link (silence first).
 */
final class SuspicionTap extends Protocol {
    private final Map<Address, Long> suspectedAt = new ConcurrentHashMap<>();
    private final Map<Address, Long> heardAt = new ConcurrentHashMap<>();

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

    @Override
    public Object up(Message msg) {
        heard(msg.getSrc());
        return up_prot.up(msg);
    }

    @Override
    public void up(MessageBatch batch) {
        heard(batch.sender());
        up_prot.up(batch);
    }

    private void heard(Address sender) {
        if (sender != null) {
            heardAt.put(sender, System.nanoTime());
        }
    }

    /** Whether {@code member} was suspected within the last {@code windowNanos}. */
    boolean suspectedWithin(Address member, long windowNanos) {
        Long at = suspectedAt.get(member);
        return at != null && System.nanoTime() - at <= windowNanos;
    }

    /**
     * Whether {@code member} was suspected within the last {@code windowNanos} and had been heard
     * from at most {@code freshNanos} before that suspicion: a process that died, not one that
     * fell silent first and whose connection was closed later (by the other side of a cut link).
     */
    boolean suspectedWhileHeard(Address member, long windowNanos, long freshNanos) {
        Long at = suspectedAt.get(member);
        Long heard = heardAt.get(member);
        return at != null && heard != null && System.nanoTime() - at <= windowNanos && at - heard <= freshNanos;
    }
}
