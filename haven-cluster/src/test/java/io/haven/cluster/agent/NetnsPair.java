package io.haven.cluster.agent;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Two network namespaces made by a test and joined by a veth pair, {@code veth0} on both sides:
 * the node at {@code 10.77.0.1/24} and its peer at {@code 10.77.0.2/24}. The peer accepts
 * gratuitous ARP into its neighbour table, so an announcement from the node can be seen there.
 * {@link #close()} deletes both namespaces (and with them the veth pair).
 */
public final class NetnsPair implements AutoCloseable {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    public static final String NIC = "veth0";
    public static final String NODE_ADDRESS = "10.77.0.1";
    public static final String PEER_ADDRESS = "10.77.0.2";

    private final String node;
    private final String peer;
    private final List<String> made = new ArrayList<>();

    private NetnsPair(String node, String peer) {
        this.node = node;
        this.peer = peer;
    }

    public static NetnsPair create() throws IOException, InterruptedException {
        String base = "hv-ag-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
        NetnsPair pair = new NetnsPair(base + "-n", base + "-p");
        try {
            pair.must("ip", "netns", "add", pair.node);
            pair.made.add(pair.node);
            pair.must("ip", "netns", "add", pair.peer);
            pair.made.add(pair.peer);
            pair.must("ip", "link", "add", NIC, "netns", pair.node, "type", "veth", "peer", "name", NIC, "netns", pair.peer);
            for (String[] side : new String[][] {{pair.node, NODE_ADDRESS}, {pair.peer, PEER_ADDRESS}}) {
                pair.must("ip", "-n", side[0], "addr", "add", side[1] + "/24", "dev", NIC);
                pair.must("ip", "-n", side[0], "link", "set", NIC, "up");
                pair.must("ip", "-n", side[0], "link", "set", "lo", "up");
            }
            pair.must("ip", "netns", "exec", pair.peer, "sysctl", "-qw", "net.ipv4.conf." + NIC + ".arp_accept=1");
            return pair;
        } catch (IOException | RuntimeException e) {
            pair.close();
            throw e;
        }
    }

    public String node() {
        return node;
    }

    public String peer() {
        return peer;
    }

    /** Runs commands inside the node's namespace. */
    public CommandRunner nodeRunner() {
        return CommandRunner.inNetns(node);
    }

    /** {@code ip -o -4 addr show dev veth0} in the node's namespace. */
    public String nodeAddresses() throws InterruptedException {
        return nodeRunner().run(List.of("ip", "-o", "-4", "addr", "show", "dev", NIC), Duration.ofSeconds(10)).output();
    }

    /** The peer's neighbour table ({@code ip neigh show dev veth0}). */
    public String peerNeighbours() throws InterruptedException {
        return CommandRunner.inNetns(peer).run(List.of("ip", "neigh", "show", "dev", NIC), Duration.ofSeconds(10)).output();
    }

    /** The node's MAC address on veth0. */
    public String nodeMac() throws InterruptedException {
        String out = nodeRunner().run(List.of("cat", "/sys/class/net/" + NIC + "/address"), Duration.ofSeconds(10)).output();
        return out.strip();
    }

    private void must(String... argv) throws IOException, InterruptedException {
        CommandResult r = CommandRunner.local().run(List.of(argv), Duration.ofSeconds(20));
        if (!r.ok()) {
            throw new IOException(String.join(" ", argv) + " failed (" + r.exitCode() + "): " + r.output());
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (String ns : made) {
            CommandRunner.local().run(List.of("ip", "netns", "del", ns), Duration.ofSeconds(20));
        }
        made.clear();
    }
}
