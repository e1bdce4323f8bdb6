package io.haven.it.support;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** One host of a {@link Lan}: a network namespace with one address on the segment, and a host name of its own. */
public final class LanHost {
    private final Lan lan;
    private final String name;
    private final String namespace;
    private final String address;

    LanHost(Lan lan, String name, String namespace, String address) {
        this.lan = lan;
        this.name = name;
        this.namespace = namespace;
        this.address = address;
    }

    public String name() {
        return name;
    }

    public String namespace() {
        return namespace;
    }

    public String address() {
        return address;
    }

    /**
     * The prefix that runs a command on this host: in its network namespace and in a UTS namespace
     * whose host name is the host's name, as on a machine of its own ({@code ip netns exec NS
     * unshare --uts sh -c 'hostname NAME && exec "$@"' sh CMD...}); the command keeps the PID.
     */
    public List<String> prefix() {
        return List.of("ip", "netns", "exec", namespace, "unshare", "--uts", "sh", "-c", "hostname " + name + " && exec \"$@\"", "sh");
    }

    /** Runs a command on this host to completion (bounded) and returns its output; fails on a non-zero exit. */
    public String run(String... cmd) throws IOException, InterruptedException {
        return lan.run(namespace, cmd);
    }

    /** Whether the command exits 0 on this host. */
    public boolean succeeds(String... cmd) throws InterruptedException {
        try {
            run(cmd);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Starts a command on this host; the caller ends it by PID. */
    public Process start(ProcessBuilder.Redirect out, String... cmd) throws IOException {
        List<String> full = new ArrayList<>(prefix());
        full.addAll(List.of(cmd));
        return new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(out).start();
    }

    @Override
    public String toString() {
        return name + " (" + address + ")";
    }
}
