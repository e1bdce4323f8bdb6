package io.haven.cluster.raft;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Logs cluster changes and hands them to the listeners. Called only on the node's event thread,
 * so listeners hear events one at a time and in order; a failing listener is logged and skipped.
 */
final class ClusterEvents {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);

    private final String node;
    private final List<ClusterListener> listeners = new CopyOnWriteArrayList<>();
    private Quorum lastQuorum;

    ClusterEvents(String node) {
        this.node = node;
    }

    /** Adds a listener and tells it the current state. */
    void add(ClusterListener l, Set<String> up, Optional<String> leader, Quorum q) {
        listeners.add(l);
        safely(l, x -> x.viewChanged(up));
        safely(l, x -> x.leaderChanged(leader, leader.filter(node::equals).isPresent()));
        safely(l, x -> x.quorumChanged(q.has(), q.reason()));
    }

    void view(Set<String> up) {
        LOG.info("{}: nodes up {}", node, up);
        fire(l -> l.viewChanged(up));
    }

    void leader(Optional<String> leader) {
        LOG.info("{}: leader {}", node, leader.orElse("none"));
        boolean self = leader.filter(node::equals).isPresent();
        fire(l -> l.leaderChanged(leader, self));
    }

    /** Passes a quorum state on unless it repeats the last one; logs gains and losses. */
    void quorum(Quorum q) {
        Quorum before = lastQuorum;
        if (q.equals(before)) {
            return;
        }
        lastQuorum = q;
        if (before == null || before.has() != q.has()) {
            if (q.has()) {
                LOG.info("{}: quorum gained: {}", node, q.reason());
            } else {
                LOG.warn("{}: no quorum: {}", node, q.reason());
            }
        }
        fire(l -> l.quorumChanged(q.has(), q.reason()));
    }

    void soloCommitsLost(String winner) {
        LOG.error("{}: two_node split brain: both nodes committed while apart and {} won the election;"
                + " commands this node committed alone are not in {}'s log (see RAFT.md)", node, winner, winner);
        fire(l -> l.soloCommitsLost(winner));
    }

    private void fire(Consumer<ClusterListener> call) {
        for (ClusterListener l : listeners) {
            safely(l, call);
        }
    }

    private void safely(ClusterListener l, Consumer<ClusterListener> call) {
        try {
            call.accept(l);
        } catch (RuntimeException e) {
            LOG.warn("{}: cluster listener {} failed: {}", node, l, e.toString());
        }
    }
}
