package io.haven.cluster.raft;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener that keeps what it heard, for assertions. */
final class QuorumRecorder implements ClusterListener {
    final List<String> quorumEvents = new CopyOnWriteArrayList<>();
    final List<Optional<String>> leaders = new CopyOnWriteArrayList<>();
    final List<Set<String>> views = new CopyOnWriteArrayList<>();
    final List<String> soloCommitsLostTo = new CopyOnWriteArrayList<>();
    private volatile boolean hasQuorum;
    private volatile String reason = "";
    /** System.nanoTime() of the last quorum and leader events. */
    volatile long quorumChangedAt;
    volatile long leaderChangedAt;

    @Override
    public void viewChanged(Set<String> up) {
        views.add(up);
    }

    @Override
    public void leaderChanged(Optional<String> leader, boolean thisNodeLeads) {
        leaders.add(leader);
        leaderChangedAt = System.nanoTime();
    }

    @Override
    public void quorumChanged(boolean has, String why) {
        quorumChangedAt = System.nanoTime();
        hasQuorum = has;
        reason = why;
        quorumEvents.add((has ? "gained: " : "lost: ") + why);
    }

    @Override
    public void soloCommitsLost(String leader) {
        soloCommitsLostTo.add(leader);
    }

    boolean hasQuorum() {
        return hasQuorum;
    }

    String reason() {
        return reason;
    }
}
