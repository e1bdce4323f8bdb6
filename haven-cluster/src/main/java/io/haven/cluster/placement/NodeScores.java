package io.haven.cluster.placement;

import io.haven.cluster.state.ClusterState;
import io.haven.cluster.state.FailCount;
import io.haven.cluster.state.Location;
import io.haven.cluster.state.NodeState;
import io.haven.cluster.state.ResourceDefinition;
import io.haven.cluster.state.Role;
import io.haven.cluster.state.Score;
import io.haven.config.model.OnFail;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resource's own scores per node, before colocation: -INFINITY where it may not run (offline,
 * standby, witness, node maintenance, failures at the migration threshold), plus every location
 * constraint, plus its stickiness where it is started now.
 */
final class NodeScores {
    private NodeScores() {
    }

    static Map<String, Integer> base(ClusterState s, ResourceDefinition r, long now) {
        Map<String, Integer> scores = new LinkedHashMap<>();
        for (NodeState n : s.nodes()) {
            int score = eligible(s, r, n, now) ? 0 : -Score.INFINITY;
            for (Location l : s.allLocations()) {
                if (l.resource().equals(r.name()) && l.node().equals(n.name())) {
                    score = Score.add(score, l.score());
                }
            }
            if (s.observation(n.name(), r.name()).map(o -> o.role().active()).orElse(false)) {
                score = Score.add(score, r.stickiness()); // failed there counts as active there, as in Pacemaker
            }
            scores.put(n.name(), score);
        }
        return scores;
    }

    private static boolean eligible(ClusterState s, ResourceDefinition r, NodeState n, long now) {
        if (!n.online() || n.standby() || n.witness() || n.maintenance()) {
            return false;
        }
        FailCount f = s.failCount(r.name(), n.name()).orElse(null);
        if (f == null || f.expired(r.failureTimeoutMs(), now)) {
            return true;
        }
        int threshold = r.onFail() == OnFail.MOVE ? 1 : r.migrationThreshold();
        // a failed start or stop counts INFINITY and bans even with the threshold disabled (0)
        return f.count() < Score.INFINITY && (threshold <= 0 || f.count() < threshold);
    }

    /**
     * The node with the highest non-negative score (a negative score means "cannot run here"),
     * or null. Ties go to {@code current} if it is among the best, else to the first in node order.
     */
    static String best(Map<String, Integer> scores, String current) {
        String best = null;
        int bestScore = -1;
        for (var e : scores.entrySet()) {
            if (e.getValue() > bestScore) {
                best = e.getKey();
                bestScore = e.getValue();
            }
        }
        if (best != null && current != null && scores.getOrDefault(current, -1) == bestScore) {
            return current;
        }
        return best;
    }

    static boolean anyRunnable(Map<String, Integer> scores) {
        return scores.values().stream().anyMatch(v -> v >= 0);
    }
}
