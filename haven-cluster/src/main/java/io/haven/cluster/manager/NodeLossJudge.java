package io.haven.cluster.manager;

import io.haven.cluster.raft.ClusterSettings;
import io.haven.cluster.raft.Voter;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.CompletableFuture;

/**
 * Tells a dead Haven from an unreachable one when a node leaves the view: a TCP connect to its
 * cluster port that is refused means its host is up and no Haven listens (the process is gone, so
 * it runs nothing any more, but for addresses left on its interfaces, which expire); no answer
 * means it may be cut off or frozen, still holding what it ran.
 */
final class NodeLossJudge {
    private static final int CONNECT_TIMEOUT_MS = 250;
    private final ClusterSettings settings;

    NodeLossJudge(ClusterSettings settings) {
        this.settings = settings;
    }

    /** Completes with true when the node's Haven is certainly gone. */
    CompletableFuture<Boolean> gone(String node) {
        InetSocketAddress address = settings.voters().stream().filter(v -> v.name().equals(node)).map(Voter::address)
                .findFirst().orElse(null);
        if (address == null) {
            return CompletableFuture.completedFuture(false);
        }
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = new Socket()) {
                s.connect(address, CONNECT_TIMEOUT_MS);
                return false; // something accepts: a frozen Haven's kernel still does
            } catch (ConnectException e) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }
}
