package io.haven.it.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Several hosts on one machine: real network namespaces on one Ethernet segment. The switch is a
 * bridge inside a namespace of its own, so nothing of the test touches the machine's own
 * interfaces; each host is a namespace with an {@code eth0} veth into the switch and an address
 * in {@code 10.N.M.0/24}. Links can be cut between two hosts (blackhole routes on both sides, so
 * each keeps talking to everyone else) and healed. {@link #close()} kills what still runs inside
 * and deletes every namespace it made (their veths go with them).
 */
public final class Lan implements AutoCloseable {
    private final String prefix;
    private final String subnet;
    private final String switchNs;
    private final Map<String, LanHost> hosts = new LinkedHashMap<>();
    private final List<String> namespaces = new ArrayList<>();

    private Lan(String prefix, String subnet) {
        this.prefix = prefix;
        this.subnet = subnet;
        this.switchNs = prefix + "sw";
    }

    /** A new segment with a random {@code 10.x.y.0/24} subnet and namespace names starting with {@code hv}. */
    public static Lan create() throws IOException, InterruptedException {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        String prefix = "hv" + Long.toString(ProcessHandle.current().pid(), 36) + Integer.toString(r.nextInt(36 * 36), 36) + "-";
        Lan lan = new Lan(prefix, "10." + (100 + r.nextInt(100)) + "." + r.nextInt(250));
        try {
            lan.addNamespace(lan.switchNs);
            lan.run(lan.switchNs, "ip", "link", "add", "br0", "type", "bridge");
            lan.run(lan.switchNs, "ip", "link", "set", "br0", "up");
        } catch (IOException | InterruptedException | RuntimeException e) {
            lan.close();
            throw e;
        }
        return lan;
    }

    /** The address of host number {@code octet} on this segment. */
    public String address(int octet) {
        return subnet + "." + octet;
    }

    /** Adds host {@code name} with address {@code .octet}/24 on eth0. */
    public LanHost host(String name, int octet) throws IOException, InterruptedException {
        String ns = prefix + name;
        addNamespace(ns);
        String peer = "p" + octet + prefix.substring(2, prefix.length() - 1);
        peer = peer.length() > 15 ? peer.substring(0, 15) : peer;
        run(ns, "ip", "link", "add", "eth0", "type", "veth", "peer", "name", peer);
        run(ns, "ip", "link", "set", peer, "netns", switchNs);
        run(switchNs, "ip", "link", "set", peer, "master", "br0");
        run(switchNs, "ip", "link", "set", peer, "up");
        run(ns, "ip", "addr", "add", address(octet) + "/24", "dev", "eth0");
        run(ns, "ip", "link", "set", "eth0", "up");
        LanHost host = new LanHost(this, name, ns, address(octet));
        hosts.put(name, host);
        return host;
    }

    /** Cuts the link between two hosts, both ways; each still reaches every other host. */
    public void cut(LanHost a, LanHost b) throws IOException, InterruptedException {
        run(a.namespace(), "ip", "route", "add", "blackhole", b.address() + "/32");
        run(b.namespace(), "ip", "route", "add", "blackhole", a.address() + "/32");
    }

    /** Heals what {@link #cut} did. */
    public void heal(LanHost a, LanHost b) throws IOException, InterruptedException {
        run(a.namespace(), "ip", "route", "del", "blackhole", b.address() + "/32");
        run(b.namespace(), "ip", "route", "del", "blackhole", a.address() + "/32");
    }

    private void addNamespace(String ns) throws IOException, InterruptedException {
        exec("ip", "netns", "add", ns);
        namespaces.add(ns);
        run(ns, "ip", "link", "set", "lo", "up");
    }

    /** Runs a command inside namespace {@code ns} to completion (bounded); fails with its output. */
    String run(String ns, String... cmd) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", ns));
        full.addAll(List.of(cmd));
        return exec(full.toArray(String[]::new));
    }

    static String exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        if (!p.waitFor(20, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", cmd) + ": no answer within 20 s");
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " exited " + p.exitValue() + ": " + out.strip());
        }
        return out;
    }

    /**
     * Kills every process still inside the namespaces (by PID, {@code ip netns pids}): what a test
     * started there, and anything those started, never outlives the segment. Then deletes them.
     */
    @Override
    public void close() {
        for (String ns : namespaces) {
            try {
                for (String pid : exec("ip", "netns", "pids", ns).split("\\s+")) {
                    if (!pid.isBlank()) {
                        ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(ProcessHandle::destroyForcibly);
                    }
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                System.err.println("could not list the processes of namespace " + ns + ": " + e.getMessage());
            }
        }
        for (int i = namespaces.size() - 1; i >= 0; i--) {
            try {
                exec("ip", "netns", "del", namespaces.get(i));
            } catch (IOException | InterruptedException e) {
                System.err.println("could not delete namespace " + namespaces.get(i) + ": " + e.getMessage());
            }
        }
        namespaces.clear();
    }
}
