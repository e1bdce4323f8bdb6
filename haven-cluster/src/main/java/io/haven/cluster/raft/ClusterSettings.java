package io.haven.cluster.raft;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything one node needs to join the cluster; the config model ({@code cluster} section) maps
 * onto it. Use {@link #of} for the defaults: bind to this node's own voter address, the default
 * {@link ClusterTimeouts}, FD_SOCK2 on the transport port + 100, a snapshot every 1 MiB of log.
 *
 * @param clusterName  JGroups cluster name; nodes with different names never see each other; default {@code haven}
 * @param nodeName     this node's name, one of {@code voters}; also its Raft id
 * @param bind         address and port the TCP transport binds to
 * @param voters       all voters (members and witnesses), this node included
 * @param stateDir     directory of the Raft log and snapshot (created when missing)
 * @param quorumMode   {@link QuorumMode#MAJORITY} or {@link QuorumMode#TWO_NODE}
 * @param timeouts     failure detection and protocol timings
 * @param fdPortOffset FD_SOCK2 listens on the bind port plus this offset (up to 5 ports further when
 *                     taken); default 100
 * @param maxLogBytes  the log is compacted into a snapshot when it grows beyond this; default 1 MiB
 */
public record ClusterSettings(String clusterName, String nodeName, InetSocketAddress bind, List<Voter> voters,
                              Path stateDir, QuorumMode quorumMode, ClusterTimeouts timeouts, int fdPortOffset,
                              long maxLogBytes) {

    public ClusterSettings {
        Objects.requireNonNull(clusterName, "cluster name");
        Objects.requireNonNull(nodeName, "node name");
        Objects.requireNonNull(bind, "bind address");
        Objects.requireNonNull(stateDir, "state-dir");
        Objects.requireNonNull(quorumMode, "quorum mode");
        Objects.requireNonNull(timeouts, "timeouts");
        voters = List.copyOf(voters);
        Set<String> names = new HashSet<>();
        Set<InetSocketAddress> addresses = new HashSet<>();
        for (Voter v : voters) {
            if (!names.add(v.name())) {
                throw new IllegalArgumentException("voter '" + v.name() + "' is listed twice");
            }
            if (!addresses.add(v.address())) {
                throw new IllegalArgumentException("voter '" + v.name() + "' reuses address "
                        + v.address().getHostString() + ":" + v.address().getPort());
            }
        }
        if (!names.contains(nodeName)) {
            throw new IllegalArgumentException("node '" + nodeName + "' is not one of the voters " + names);
        }
        if (quorumMode == QuorumMode.TWO_NODE) {
            if (voters.size() != 2 || voters.stream().anyMatch(Voter::witness)) {
                throw new IllegalArgumentException("quorum two_node needs exactly two members and no witness, got "
                        + names + "; with a witness use quorum majority");
            }
        } else if (voters.size() == 2) {
            throw new IllegalArgumentException("two voters cannot survive a failure with quorum majority: add a"
                    + " witness or use quorum two_node");
        }
        if (fdPortOffset <= 0 || bind.getPort() + fdPortOffset + 5 > 65535) {
            throw new IllegalArgumentException("fd port offset " + fdPortOffset + " from port " + bind.getPort()
                    + " must give a port below 65530");
        }
        if (maxLogBytes < 1024) {
            throw new IllegalArgumentException("max log size must be at least 1024 bytes, got " + maxLogBytes);
        }
    }

    /** Settings with the defaults: binds to {@code nodeName}'s own voter address. */
    public static ClusterSettings of(String nodeName, List<Voter> voters, Path stateDir, QuorumMode mode) {
        Voter self = voters.stream().filter(v -> v.name().equals(nodeName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("node '" + nodeName + "' is not one of the voters "
                        + voters.stream().map(Voter::name).toList()));
        return new ClusterSettings("haven", nodeName, self.address(), voters, stateDir, mode,
                ClusterTimeouts.defaults(), 100, 1 << 20);
    }

    /** The same settings with other timeouts. */
    public ClusterSettings withTimeouts(ClusterTimeouts t) {
        return new ClusterSettings(clusterName, nodeName, bind, voters, stateDir, quorumMode, t, fdPortOffset,
                maxLogBytes);
    }

    /** The names of all voters, in configuration order. */
    public List<String> voterNames() {
        return voters.stream().map(Voter::name).toList();
    }

    /** The other voter of a two-node pair, if this is one. */
    public Optional<String> peer() {
        return voters.size() == 2
                ? voters.stream().map(Voter::name).filter(n -> !n.equals(nodeName)).findFirst()
                : Optional.empty();
    }

    /** Votes needed for a majority of the configured voters. */
    public int majority() {
        return voters.size() / 2 + 1;
    }
}
