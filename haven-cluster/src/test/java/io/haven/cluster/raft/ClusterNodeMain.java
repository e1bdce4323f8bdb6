package io.haven.cluster.raft;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One cluster node as its own process, for tests that kill a real JVM. Arguments: node name,
 * state directory, quorum mode, then voters as {@code name=host:port} (a {@code ~} prefix marks a
 * witness). Prints {@code READY} once joined and runs until stdin closes or the process is killed.
 */
public final class ClusterNodeMain {

    private ClusterNodeMain() {
    }

    public static void main(String[] args) throws Exception {
        List<Voter> voters = new ArrayList<>();
        for (int i = 3; i < args.length; i++) {
            String spec = args[i];
            boolean witness = spec.startsWith("~");
            String[] nameAddr = (witness ? spec.substring(1) : spec).split("=", 2);
            int colon = nameAddr[1].lastIndexOf(':');
            voters.add(new Voter(nameAddr[0], new InetSocketAddress(nameAddr[1].substring(0, colon),
                    Integer.parseInt(nameAddr[1].substring(colon + 1))), witness));
        }
        ClusterSettings settings = ClusterSettings.of(args[0], voters, Path.of(args[1]), QuorumMode.parse(args[2]));
        try (ClusterNode node = new ClusterNode(settings, new RecordingStateMachine()).start()) {
            System.out.println("READY");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            while (in.readLine() != null) {
                // stdin open: keep running
            }
        }
    }
}
