package io.haven.cluster.raft;

import org.jgroups.Address;
import org.jgroups.Event;
import org.jgroups.View;
import org.jgroups.protocols.raft.RAFT;
import org.jgroups.protocols.raft.election.BaseElection;
import org.jgroups.stack.Protocol;
import org.jgroups.util.ExtendedUUID;
import org.jgroups.util.NameCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.LongSupplier;

/**
 * Sits just below ELECTION and sees every view before Raft does. It computes this node's quorum
 * and, in {@link QuorumMode#TWO_NODE}, switches Raft between the pair and "solo" (this node as the
 * only Raft member, so it elects itself and commits alone) before ELECTION reacts to the view.
 * The two_node rule (RAFT.md): the survivor goes solo when its peer left cleanly or crashed with
 * its sockets closed while it was still being heard (a socket closed after a silence is the other
 * side of a cut link excluding us, not a crash); on heartbeat loss it asks the
 * {@link TwoNodeArbiter}; a node that has never seen its peer since start has no quorum.
 */
final class QuorumGuard extends Protocol {
    private static final Logger LOG = LoggerFactory.getLogger(QuorumGuard.class);
    private static final long SUSPICION_WINDOW = TimeUnit.SECONDS.toNanos(10);

    private final ClusterSettings settings;
    private final SuspicionTap socketTap;
    private final SuspicionTap anyTap;
    private final TwoNodeArbiter arbiter;
    private final Executor arbiterThread;
    private final BiConsumer<Set<String>, Quorum> onChange;
    private final LongSupplier commandsApplied;

    private final RAFT raft;
    private final BaseElection election;
    private View view;
    private Quorum quorum = new Quorum(false, "not connected");
    private boolean peerSeen;
    private Address peerAddress;
    private boolean solo;
    private long soloStartCommands;
    private long arbitration; // bumped on every view: a late arbiter answer for an old view is ignored
    private long pendingArbitration;
    private volatile long soloWroteUntil;

    QuorumGuard(ClusterSettings settings, ClusterStack stack, TwoNodeArbiter arbiter, Executor arbiterThread,
                LongSupplier commandsApplied, BiConsumer<Set<String>, Quorum> onChange) {
        this.commandsApplied = commandsApplied;
        this.settings = settings;
        this.socketTap = stack.socketTap;
        this.anyTap = stack.anyTap;
        this.raft = stack.raft;
        this.election = stack.election;
        this.arbiter = arbiter;
        this.arbiterThread = arbiterThread;
        this.onChange = onChange;
    }

    @Override
    public void start() throws Exception {
        super.start();
        // RAFT.start() (above us, started first) may have restored a solo member list from a snapshot
        raft.members(settings.voterNames());
    }

    @Override
    public Object up(Event evt) {
        if (evt.getType() == Event.VIEW_CHANGE) {
            View v = evt.getArg();
            Set<String> names;
            Quorum q;
            synchronized (this) {
                names = names(v);
                q = settings.quorumMode() == QuorumMode.TWO_NODE ? twoNode(v, names) : majority(names);
                view = v;
                quorum = q;
            }
            Object result = up_prot.up(evt);
            onChange.accept(names, q);
            long ticket;
            synchronized (this) {
                ticket = pendingArbitration;
                pendingArbitration = 0;
            }
            if (ticket != 0) {
                String peer = settings.peer().orElseThrow();
                arbiterThread.execute(() -> arbitrate(peer, ticket));
            }
            return result;
        }
        return up_prot.up(evt);
    }

    synchronized Quorum quorum() {
        return quorum;
    }

    /** True if this node applied commands while solo and rejoined its peer within the last 10 s. */
    boolean recentlyWroteSolo() {
        return System.nanoTime() < soloWroteUntil;
    }

    void forgetSoloWrites() {
        soloWroteUntil = 0;
    }

    private Quorum majority(Set<String> names) {
        long up = settings.voterNames().stream().filter(names::contains).count();
        int total = settings.voters().size();
        return up >= settings.majority()
                ? new Quorum(true, up + " of " + total + " voters up")
                : new Quorum(false, "only " + up + " of " + total + " voters up, " + settings.majority() + " needed");
    }

    private Quorum twoNode(View v, Set<String> names) {
        String peer = settings.peer().orElseThrow();
        arbitration++;
        if (names.contains(peer)) {
            peerSeen = true;
            peerAddress = find(v, peer);
            if (solo) {
                leaveSolo(peer);
            }
            return new Quorum(true, "both nodes up");
        }
        if (!peerSeen) {
            return new Quorum(false, "two_node: " + peer + " not seen since start (wait for all)");
        }
        if (solo || view == null || find(view, peer) == null) {
            return quorum; // the peer was already gone: nothing new about it
        }
        long fresh = settings.timeouts().heartbeatTimeout().toNanos() / 2;
        if (socketTap.suspectedWhileHeard(peerAddress, SUSPICION_WINDOW, fresh)) {
            if (arbiter.decidesCrashes()) {
                pendingArbitration = arbitration;
                return new Quorum(false, "two_node: " + peer + " crashed (its sockets closed), asking the arbiter");
            }
            return goSolo("two_node: " + peer + " crashed (its sockets closed)");
        }
        if (!anyTap.suspectedWithin(peerAddress, SUSPICION_WINDOW)) {
            return goSolo("two_node: " + peer + " left cleanly");
        }
        pendingArbitration = arbitration;
        return new Quorum(false, "two_node: " + peer + " unreachable (heartbeats lost), asking the arbiter");
    }

    private Quorum goSolo(String reason) {
        solo = true;
        soloStartCommands = commandsApplied.getAsLong();
        raft.members(List.of(settings.nodeName()));
        LOG.warn("{}: {}; running alone by the two_node rule", settings.nodeName(), reason);
        return new Quorum(true, reason);
    }

    private void leaveSolo(String peer) {
        solo = false;
        if (commandsApplied.getAsLong() > soloStartCommands) { // the leader's empty entries do not count
            soloWroteUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        }
        raft.members(settings.voterNames());
        LOG.info("{}: {} is back; Raft runs on both nodes again", settings.nodeName(), peer);
    }

    private void arbitrate(String peer, long ticket) {
        boolean granted;
        try {
            granted = arbiter.mayRunAlone(peer);
        } catch (Exception e) {
            LOG.warn("{}: two_node arbiter failed ({}); staying without quorum", settings.nodeName(), e.toString());
            granted = false;
        }
        Quorum q;
        Set<String> names;
        synchronized (this) {
            if (ticket != arbitration || solo) {
                return; // the view changed meanwhile; that view decided
            }
            q = granted
                    ? goSolo("two_node: " + peer + " unreachable, the arbiter lets this node run alone")
                    : new Quorum(false, "two_node: " + peer + " unreachable, the arbiter denies running alone");
            quorum = q;
            names = names(view);
        }
        if (granted) {
            election.runVotingThread(); // the view did not change, so ELECTION would not vote by itself
        }
        onChange.accept(names, q);
    }

    /** The node names in a view: the Raft id carried by each address. */
    static Set<String> names(View v) {
        Set<String> names = new LinkedHashSet<>();
        for (Address a : v.getMembersRaw()) {
            names.add(name(a));
        }
        return names;
    }

    static String name(Address a) {
        if (a instanceof ExtendedUUID u) {
            byte[] id = u.get(RAFT.raft_id_key);
            if (id != null) {
                return new String(id, StandardCharsets.UTF_8);
            }
        }
        String logical = NameCache.get(a);
        return logical != null ? logical : String.valueOf(a);
    }

    private static Address find(View v, String name) {
        for (Address a : v.getMembersRaw()) {
            if (name.equals(name(a))) {
                return a;
            }
        }
        return null;
    }
}
