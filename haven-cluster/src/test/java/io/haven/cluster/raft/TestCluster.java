package io.haven.cluster.raft;

import org.jgroups.protocols.DISCARD;
import org.jgroups.protocols.TP;
import org.jgroups.stack.ProtocolStack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Several cluster nodes in this JVM on 127.0.0.1, each on its own free port with its own state
 * directory under one temp directory; everything is closed and deleted by {@link #close}.
 */
final class TestCluster implements AutoCloseable {
    final Path root;
    final List<Voter> voters = new ArrayList<>();
    final QuorumMode mode;
    final Map<String, ClusterNode> nodes = new LinkedHashMap<>();
    final Map<String, RecordingStateMachine> machines = new LinkedHashMap<>();
    final Map<String, QuorumRecorder> recorders = new LinkedHashMap<>();
    private Function<String, TwoNodeArbiter> arbiters = name -> TwoNodeArbiter.DENY;

    /** Members named first, witnesses after. */
    TestCluster(QuorumMode mode, List<String> members, List<String> witnesses) throws IOException {
        this.mode = mode;
        this.root = Files.createTempDirectory("haven-raft-");
        for (String m : members) {
            voters.add(new Voter(m, new InetSocketAddress("127.0.0.1", freePort()), false));
        }
        for (String w : witnesses) {
            voters.add(new Voter(w, new InetSocketAddress("127.0.0.1", freePort()), true));
        }
    }

    static TestCluster majority(String... members) throws IOException {
        return new TestCluster(QuorumMode.MAJORITY, List.of(members), List.of());
    }

    TestCluster arbiter(TwoNodeArbiter a) {
        return arbiters(name -> a);
    }

    /** Each node's own arbiter, by node name. */
    TestCluster arbiters(Function<String, TwoNodeArbiter> byNode) {
        this.arbiters = byNode;
        return this;
    }

    ClusterSettings settings(String name) {
        return ClusterSettings.of(name, voters, root.resolve(name), mode);
    }

    /** Starts (or restarts, with a fresh state machine over the same state directory) one node. */
    ClusterNode start(String name) throws Exception {
        RecordingStateMachine m = new RecordingStateMachine();
        QuorumRecorder r = new QuorumRecorder();
        ClusterNode n = new ClusterNode(settings(name), m, arbiters.apply(name)).addListener(r);
        machines.put(name, m);
        recorders.put(name, r);
        nodes.put(name, n);
        n.start();
        return n;
    }

    TestCluster startAll() throws Exception {
        for (Voter v : voters) {
            start(v.name());
        }
        return this;
    }

    ClusterNode node(String name) {
        return nodes.get(name);
    }

    List<ClusterNode> running() {
        return nodes.values().stream().filter(TestCluster::alive).toList();
    }

    private static boolean alive(ClusterNode n) {
        return n.channel() != null && n.channel().isConnected();
    }

    /** The leader all running nodes agree on, if they do. */
    Optional<String> agreedLeader() {
        List<ClusterNode> r = running();
        if (r.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> first = r.get(0).status().leader();
        return first.isPresent() && r.stream().allMatch(n -> n.status().leader().equals(first))
                ? first : Optional.empty();
    }

    void halt(String name) {
        nodes.get(name).halt();
    }

    byte[] submit(String via, String command) throws Exception {
        return node(via).submit(command.getBytes(StandardCharsets.UTF_8)).get();
    }

    /**
     * Tries to commit {@code command} through {@code via} once, waiting at most 1 s; true if it
     * committed. For use inside Awaitility while a cluster fails over.
     */
    boolean tryCommit(String via, String command) {
        try {
            node(via).submit(command.getBytes(StandardCharsets.UTF_8)).get(1, java.util.concurrent.TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** What {@code name}'s state machine applied, in order. */
    List<String> applied(String name) {
        return machines.get(name).applied();
    }

    /** Every node's status and what it applied, for failure messages. */
    String describe() {
        StringBuilder sb = new StringBuilder();
        nodes.forEach((name, n) -> sb.append('\n').append(n.status()).append(" applied ").append(applied(name)));
        return sb.toString();
    }

    /** Drops every message to and from {@code name} above its transport (heartbeats included). */
    void isolate(String name) throws Exception {
        ClusterNode n = node(name);
        DISCARD d = new DISCARD();
        d.discardAll(true);
        n.channel().getProtocolStack().insertProtocol(d, ProtocolStack.Position.ABOVE, TP.class);
    }

    void heal(String name) {
        DISCARD d = node(name).channel().getProtocolStack().findProtocol(DISCARD.class);
        d.discardAll(false);
    }

    @Override
    public void close() throws IOException {
        for (ClusterNode n : nodes.values()) {
            n.close();
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static int freePort() throws IOException {
        // FD_SOCK2 uses port+100..port+105: keep the range in the ephemeral-free zone below 60000
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int p = s.getLocalPort();
                if (p < 60000 && free(p + 100)) {
                    return p;
                }
            }
        }
        throw new IOException("no free port pair found in 50 attempts");
    }

    private static boolean free(int port) {
        try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
