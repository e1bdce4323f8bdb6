package io.haven.it.cluster;

import io.haven.it.support.HavenProcess;
import io.haven.it.support.StatsSocketClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Function;

/** What each node of a test cluster says ({@code show cluster}) and logged last, for a failed wait. */
final class NodeReports {
    private static final int TAIL = 6000;

    private NodeReports() {
    }

    /** One block per node: its name, whether it runs, its status through {@code socket(name)} and the tail of its stderr. */
    static String of(Map<String, HavenProcess> nodes, Function<String, Path> socket) {
        StringBuilder out = new StringBuilder();
        for (var e : nodes.entrySet()) {
            out.append("==== ").append(e.getKey()).append(" alive=").append(e.getValue().isAlive()).append('\n');
            try {
                out.append(StatsSocketClient.exchange(socket.apply(e.getKey()).toString(), "show cluster"));
            } catch (IOException x) {
                out.append("(no status: ").append(x.getMessage()).append(")\n");
            }
            out.append(tail(e.getValue().stderr()));
        }
        return out.toString();
    }

    /** The last part of a node's log. */
    static String tail(String log) {
        return log.length() > TAIL ? log.substring(log.length() - TAIL) : log;
    }
}
